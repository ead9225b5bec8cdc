import { el, section, table } from '../format.js';
import { timeChart, daySeconds, instantSeconds } from '../charts.js';
import { periodText } from './overview.js';

const SECTIONS = ['daily_trend', 'hourly_trend'];

const COLUMNS = key => [
  { key, label: key === 'date' ? 'Day' : 'Hour', kind: 'text' },
  { key: 'requests', label: 'Requests', kind: 'int' },
  { key: 'errors', label: 'Errors', kind: 'int' },
  { key: 'error_rate', label: 'Error rate', kind: 'pct' },
  { key: 'cost_usd', label: 'Cost', kind: 'usd' },
  { key: 'credits', label: 'Credits', kind: 'credits' },
  { key: 'total_tokens', label: 'Tokens', kind: 'int' },
];

export async function render(ctx) {
  const report = await ctx.report(SECTIONS);
  const days = report.data.daily_trend || [];
  const hours = report.data.hourly_trend || [];
  const daily = section('Daily');
  const hourly = section('Hourly');
  ctx.content.replaceChildren(el('p', { class: 'period', text: periodText(report) }), ctx.downloads(SECTIONS), daily, hourly);
  await timeChart(daily, 'Requests per day', days.map(d => daySeconds(d.date)),
    [{ label: 'Requests', values: days.map(d => d.requests) }, { label: 'Errors', values: days.map(d => d.errors) }],
    'UTC', true);
  daily.append(table('Daily figures', COLUMNS('date'), days, 'data.daily_trend'));
  await timeChart(hourly, 'Requests per hour', hours.map(h => instantSeconds(h.hour)),
    [{ label: 'Requests', values: hours.map(h => h.requests) }, { label: 'Errors', values: hours.map(h => h.errors) }],
    report.timezone);
  const details = el('details', {}, el('summary', { text: `Hourly figures (${hours.length} hours)` }),
    table('Hourly figures', COLUMNS('hour'), hours, 'data.hourly_trend'));
  hourly.append(details);
}
