import { el, section, table } from '../format.js';
import { ApiError } from '../api.js';

/** How a rule's values read: dollars for cost, percent for the error rate, ms for latency, counts otherwise. */
const MEASURE_KINDS = { cost_usd: 'usd', credits: 'credits', requests: 'int', tokens: 'int', error_rate: 'pct',
  p95_latency_ms: 'ms' };
const measureKind = row => MEASURE_KINDS[row.measure] || 'text';

export async function render(ctx) {
  const query = ctx.view.team && ctx.view.team !== 'all' ? '?team_id=' + encodeURIComponent(ctx.view.team) : '';
  let answer;
  try {
    answer = await ctx.get('/v1/alerts' + query);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      ctx.content.replaceChildren(el('p', { class: 'notice', 'data-unavailable': 'alerts',
        text: 'Alerts are not available on this server (GET /v1/alerts answered ' + e.status + ').' }));
      return;
    }
    throw e;
  }
  const zone = ctx.view.tz;
  const rules = answer.data || [];
  const events = [];
  const lastDelivery = new Map();
  await Promise.all(rules.slice(0, 20).map(async rule => {
    const id = encodeURIComponent(rule.alert_id);
    try {
      const [page, deliveries] = await Promise.all([
        ctx.getQuiet('/v1/alerts/' + id + '/events?limit=5'),
        ctx.getQuiet('/v1/alerts/' + id + '/deliveries?limit=1'),
      ]);
      for (const event of page.data || []) events.push({ ...event, name: rule.name, measure: rule.measure });
      if (deliveries.data && deliveries.data[0]) lastDelivery.set(rule.alert_id, deliveries.data[0]);
    } catch {
      // a rule deleted meanwhile: nothing to show
    }
  }));
  const delivery = rule => {
    const d = lastDelivery.get(rule.alert_id);
    return d ? `${d.channel} ${d.status}` : null;
  };
  events.sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : -1));
  ctx.content.replaceChildren(
    section('Rules', table('Alert rules and their state', [
      { key: 'name', label: 'Rule', kind: 'text', brief: true },
      { key: 'team_id', label: 'Team', kind: 'text', path: false, get: r => r.team_id === null ? 'organization' : r.team_id },
      { key: 'measure', label: 'Measure', kind: 'text' },
      { key: 'window', label: 'Window', kind: 'text' },
      { key: 'comparison', label: 'When', kind: 'text' },
      { key: 'threshold', label: 'Threshold', kind: measureKind },
      { key: 'state', label: 'State', kind: 'text' },
      { key: 'last_value', label: 'Last value', kind: measureKind },
      { key: 'state_since', label: 'Since', kind: 'minute' },
      { key: 'last_delivery', label: 'Notified', kind: 'text', path: false, get: delivery },
    ], rules, 'data', zone, { stack: true })),
    section('Recent events', table('The newest events of these rules', [
      { key: 'occurred_at', label: 'When', kind: 'time', path: false },
      { key: 'name', label: 'Rule', kind: 'text', path: false },
      { key: 'kind', label: 'Event', kind: 'text', path: false },
      { key: 'value', label: 'Value', kind: measureKind, path: false },
      { key: 'threshold', label: 'Threshold', kind: measureKind, path: false },
      { key: 'forecast', label: 'Month-end forecast', kind: measureKind, path: false },
    ], events, 'events', zone, { stack: true })));
}
