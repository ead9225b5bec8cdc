import { el, section, table } from '../format.js';
import { periodText } from './overview.js';

const SECTIONS = ['slow_requests'];

export async function render(ctx) {
  const report = await ctx.report(SECTIONS);
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: periodText(report) }),
    ctx.downloads(SECTIONS),
    section('The slowest requests', table('The 100 slowest requests, slowest first', [
      { key: 'latency_ms', label: 'Latency', kind: 'ms' },
      { key: 'occurred_at', label: 'When', kind: 'time' },
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'provider', label: 'Provider', kind: 'text' },
      { key: 'status', label: 'Status', kind: 'text' },
      { key: 'request_id', label: 'Request', kind: 'text' },
    ], report.data.slow_requests, 'data.slow_requests', report.timezone)));
}
