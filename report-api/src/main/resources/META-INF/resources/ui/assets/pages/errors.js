import { el, section, table, fill } from '../format.js';
import { periodText } from './overview.js';

const SECTIONS = ['error_details'];

export async function render(ctx) {
  const report = await ctx.report(SECTIONS);
  const e = report.data.error_details;
  const base = 'data.error_details';
  const cards = el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('h3', { text: 'Failed requests' }), fill(el('p', { class: 'value' }), e.failed_requests, 'int', base + '.failed_requests')),
    el('div', { class: 'card' }, el('h3', { text: 'Error rate' }), fill(el('p', { class: 'value' }), e.error_rate, 'pct', base + '.error_rate')),
    el('div', { class: 'card' }, el('h3', { text: 'Requests' }), fill(el('p', { class: 'value' }), e.total_requests, 'int', base + '.total_requests')));
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: periodText(report) }),
    cards,
    ctx.downloads(SECTIONS),
    section('By error type', table('Errors by type', [
      { key: 'error_type', label: 'Error type', kind: 'text' },
      { key: 'errors', label: 'Errors', kind: 'int' },
      { key: 'percentage', label: 'Share of errors', kind: 'pct' },
    ], e.by_error_type, base + '.by_error_type')),
    section('By model', table('Errors by model', [
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'provider', label: 'Provider', kind: 'text' },
      { key: 'requests', label: 'Requests', kind: 'int' },
      { key: 'errors', label: 'Errors', kind: 'int' },
      { key: 'error_rate', label: 'Error rate', kind: 'pct' },
    ], e.by_model, base + '.by_model')),
    section('Recent errors', table('The newest errors', [
      { key: 'occurred_at', label: 'When', kind: 'time' },
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'error_type', label: 'Type', kind: 'text' },
      { key: 'http_status', label: 'HTTP', kind: 'text' },
      { key: 'error_message', label: 'Message', kind: 'text', wrap: true },
      { key: 'request_id', label: 'Request', kind: 'text' },
    ], e.recent_errors, base + '.recent_errors', report.timezone)));
}
