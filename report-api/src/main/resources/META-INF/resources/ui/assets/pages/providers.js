import { el, section, table } from '../format.js';
import { periodText } from './overview.js';

const SECTIONS = ['by_provider', 'by_model'];

export async function render(ctx) {
  const report = await ctx.report(SECTIONS);
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: periodText(report) }),
    ctx.downloads(SECTIONS),
    section('Providers', table('Requests and cost by provider', [
      { key: 'provider', label: 'Provider', kind: 'text' },
      { key: 'requests', label: 'Requests', kind: 'int' },
      { key: 'percentage', label: 'Share', kind: 'pct' },
      { key: 'cost_usd', label: 'Cost', kind: 'usd' },
      { key: 'credits', label: 'Credits', kind: 'credits' },
    ], report.data.by_provider, 'data.by_provider')),
    section('Models', table('Requests, cost and tokens by model', [
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'provider', label: 'Provider', kind: 'text' },
      { key: 'requests', label: 'Requests', kind: 'int' },
      { key: 'percentage', label: 'Share', kind: 'pct' },
      { key: 'cost_usd', label: 'Cost', kind: 'usd' },
      { key: 'total_tokens', label: 'Tokens', kind: 'int' },
      { key: 'p95_latency_ms', label: 'p95', kind: 'ms' },
    ], report.data.by_model, 'data.by_model')));
}
