import { el, section, table, fill } from '../format.js';
import { periodText } from './overview.js';

const SECTIONS = ['performance'];
const FIGURES = [['avg_latency_ms', 'Average'], ['p50_latency_ms', 'p50'], ['p95_latency_ms', 'p95'],
  ['p99_latency_ms', 'p99'], ['max_latency_ms', 'Max']];

export async function render(ctx) {
  const report = await ctx.report(SECTIONS);
  const perf = report.data.performance;
  const cards = el('div', { class: 'cards' }, ...FIGURES.map(([key, label]) => el('div', { class: 'card', 'data-figure': key },
    el('h3', { text: label }), fill(el('p', { class: 'value' }), perf.overall[key], 'ms', 'data.performance.overall.' + key))));
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: periodText(report) }),
    cards,
    ctx.downloads(SECTIONS),
    section('Percentiles per model', table('Latency percentiles per model (ms)', [
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'provider', label: 'Provider', kind: 'text' },
      { key: 'requests', label: 'Requests', kind: 'int' },
      ...FIGURES.map(([key, label]) => ({ key, label, kind: 'ms' })),
    ], perf.by_model, 'data.performance.by_model')));
}
