import { el, card, section, table } from '../format.js';
import { timeChart, daySeconds } from '../charts.js';

const SECTIONS = ['summary', 'daily_trend'];

export async function render(ctx) {
  const report = await ctx.report(SECTIONS);
  const s = report.data.summary;
  const base = 'data.summary';
  const cards = el('div', { class: 'cards' },
    card('Requests', 'int', s, 'total_requests', base),
    card('Cost', 'usd', s, 'total_cost_usd', base, 'lower'),
    card('Error rate', 'pct', s, 'error_rate', base, 'lower'),
    card('p95 latency', 'ms', s, 'p95_latency_ms', base, 'lower'),
    card('Credits', 'credits', s, 'total_credits_used', base),
    card('Tokens', 'int', s, 'total_tokens', base));
  const days = report.data.daily_trend || [];
  const trend = section('Requests per day');
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: periodText(report) + '; compared with the period before' }),
    cards, ctx.downloads(SECTIONS), trend);
  await timeChart(trend, 'Requests and errors per day', days.map(d => daySeconds(d.date)),
    [{ label: 'Requests', values: days.map(d => d.requests) }, { label: 'Errors', values: days.map(d => d.errors) }],
    'UTC', true);
  trend.append(table('Requests per day', [
    { key: 'date', label: 'Day', kind: 'text' },
    { key: 'requests', label: 'Requests', kind: 'int' },
    { key: 'errors', label: 'Errors', kind: 'int' },
    { key: 'cost_usd', label: 'Cost', kind: 'usd' },
  ], days, 'data.daily_trend'));
}

export function periodText(report) {
  const fmt = new Intl.DateTimeFormat(undefined, { timeZone: report.timezone, dateStyle: 'medium' });
  const start = new Date(report.period_start);
  const end = new Date(new Date(report.period_end).getTime() - 1);
  return `${report.team_id === 'all' ? 'All teams' : report.team_id} · ${fmt.format(start)} – ${fmt.format(end)} (${report.timezone})`;
}
