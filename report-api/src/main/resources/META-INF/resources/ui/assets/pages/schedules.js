import { el, section, table } from '../format.js';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/** When a schedule runs, for people: "Mondays at 09:00, Europe/Berlin" (frequency, schedule_day, time, zone). */
export function when(s) {
  const at = 'at ' + s.schedule_time + ', ' + s.timezone;
  if (s.frequency === 'weekly') return (WEEKDAYS[s.schedule_day] || 'weekly') + ' ' + at;
  if (s.frequency === 'monthly') return 'monthly on day ' + s.schedule_day + ' ' + at;
  return s.frequency + ' ' + at;
}

export async function render(ctx) {
  const query = ctx.view.team && ctx.view.team !== 'all' ? '?team_id=' + encodeURIComponent(ctx.view.team) : '';
  const answer = await ctx.get('/v1/reports/preferences/all' + query);
  const zone = ctx.view.tz;
  const schedules = answer.schedules || [];
  // One row per channel's newest delivery of each schedule, each cell naming its place in the answer.
  const deliveries = [];
  schedules.forEach((schedule, i) => (schedule.last_deliveries || []).forEach((delivery, j) => deliveries.push({
    ...delivery, team_id: schedule.team_id, report_type: schedule.report_type,
    at: `schedules[${i}].last_deliveries[${j}]`, of: `schedules[${i}]` })));
  const at = key => row => `${row.at}.${key}`;
  const of = key => row => `${row.of}.${key}`;
  ctx.content.replaceChildren(
    el('p', { class: 'period', text: 'Scheduled reports by e-mail and webhook' + (query ? ' of ' + ctx.view.team : ' of every team you can see') + '; times in ' + zone + '.' }),
    section('Schedules', table('Schedules, where they go and their next run', [
      { key: 'team_id', label: 'Team', kind: 'text' },
      { key: 'report_type', label: 'Report', kind: 'text' },
      { key: 'when', label: 'When', kind: 'text', path: false, get: when, brief: true },
      { key: 'recipients', label: 'E-mail to', kind: 'list', brief: true },
      { key: 'webhook_url', label: 'Webhook', kind: 'host', title: true, brief: true },
      { key: 'has_webhook_secret', label: 'Secret', kind: 'set' },
      { key: 'next_run_at', label: 'Next run', kind: 'minute' },
    ], schedules, 'schedules', zone, { stack: true })),
    section('Last deliveries', table('The newest delivery of each schedule by each channel', [
      { key: 'team_id', label: 'Team', kind: 'text', path: of('team_id') },
      { key: 'report_type', label: 'Report', kind: 'text', path: of('report_type') },
      { key: 'channel', label: 'Channel', kind: 'text', path: at('channel') },
      { key: 'status', label: 'Status', kind: 'text', path: at('status') },
      { key: 'response_status', label: 'Response', kind: 'http', path: at('response_status') },
      { key: 'attempts', label: 'Attempts', kind: 'int', path: at('attempts') },
      { key: 'scheduled_for', label: 'Slot', kind: 'time', path: at('scheduled_for') },
      { key: 'sent_at', label: 'Sent', kind: 'time', path: at('sent_at') },
      { key: 'last_error', label: 'Last error', kind: 'text', path: at('last_error'), brief: true },
    ], deliveries, 'deliveries', zone, { stack: true })));
}
