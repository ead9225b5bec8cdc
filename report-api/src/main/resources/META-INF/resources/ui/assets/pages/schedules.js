import { el, section, table } from '../format.js';

export async function render(ctx) {
  const query = ctx.view.team && ctx.view.team !== 'all' ? '?team_id=' + encodeURIComponent(ctx.view.team) : '';
  const answer = await ctx.get('/v1/reports/preferences/all' + query);
  const zone = ctx.view.tz;
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: 'Scheduled e-mailed reports' + (query ? ' of ' + ctx.view.team : ' of every team you can see') + '; times in ' + zone + '.' }),
    section('Schedules', table('Schedules and their last delivery', [
      { key: 'team_id', label: 'Team', kind: 'text' },
      { key: 'report_type', label: 'Report', kind: 'text' },
      { key: 'frequency', label: 'Frequency', kind: 'text' },
      { key: 'schedule_time', label: 'At', kind: 'text' },
      { key: 'timezone', label: 'Zone', kind: 'text' },
      { key: 'recipients', label: 'Recipients', kind: 'list' },
      { key: 'next_run_at', label: 'Next run', kind: 'time' },
      { key: 'status', path: 'last_delivery.status', label: 'Last delivery', kind: 'text', get: r => r.last_delivery ? r.last_delivery.status : null },
      { key: 'sent_at', path: 'last_delivery.sent_at', label: 'Sent', kind: 'time', get: r => r.last_delivery ? r.last_delivery.sent_at : null },
    ], answer.schedules, 'schedules', zone)));
}
