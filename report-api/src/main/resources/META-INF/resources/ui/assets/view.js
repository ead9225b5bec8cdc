// The view a page shows: team, period and time zone, kept in the URL (?team=&days= or &from=&to=, &tz=) so a view
// can be shared, and the report request it makes.

const SECTIONS = ['summary', 'daily_trend', 'hourly_trend', 'by_provider', 'by_model', 'by_api_key', 'performance',
  'slow_requests', 'error_details'];

export function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function validZone(zone) {
  if (!zone || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The view in the URL, completed with defaults: the caller's first team (org admins: all), 7 days, the browser's zone. */
export function readView(me) {
  const params = new URLSearchParams(window.location.search);
  const allowed = teamChoices(me).map(t => t.value);
  let team = params.get('team');
  if (!allowed.includes(team)) team = allowed[0] || null;
  const tz = validZone(params.get('tz')) ? params.get('tz') : browserZone();
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && DATE.test(from) && DATE.test(to) && from <= to) {
    return { team, tz, from, to, days: null };
  }
  const days = params.get('days') === '30' ? 30 : 7;
  return { team, tz, from: null, to: null, days };
}

export function teamChoices(me) {
  const choices = me.organization_wide ? [{ value: 'all', label: 'All teams' }] : [];
  for (const team of me.teams || []) choices.push({ value: team, label: team });
  return choices;
}

export function viewQuery(view) {
  const params = new URLSearchParams();
  if (view.team) params.set('team', view.team);
  if (view.from) {
    params.set('from', view.from);
    params.set('to', view.to);
  } else {
    params.set('days', String(view.days));
  }
  params.set('tz', view.tz);
  return '?' + params.toString();
}

/** The generate request for this view: a comprehensive report with the sections a page shows. */
export function reportRequest(view, sections, format = 'json') {
  const body = { report_type: 'comprehensive', format, timezone: view.tz };
  if (view.team) body.team_id = view.team;
  if (view.from) {
    body.start = startOfLocalDay(view.from, view.tz);
    body.end = startOfLocalDay(nextDay(view.to), view.tz);
  } else {
    body.days = view.days;
  }
  body.sections = Object.fromEntries(SECTIONS.map(s => [s, sections.includes(s)]));
  return body;
}

function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().substring(0, 10);
}

/** Minutes the zone is ahead of UTC at this instant. */
function offsetMinutes(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = type => Number(parts.find(p => p.type === type).value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * The local midnight of a date in a zone as an RFC 3339 instant (UTC). Where midnight does not exist (a DST gap at
 * midnight), the first instant of the day: the wall time with the offset before the change.
 */
export function startOfLocalDay(date, zone) {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  const guess = wall - offsetMinutes(wall, zone) * 60000;
  const t = wall - offsetMinutes(guess, zone) * 60000;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Sets up the pickers from the view; submitting the form loads the page with the new view in its URL. */
export function bindForm(form, me, view) {
  const team = form.querySelector('#team');
  team.replaceChildren(...teamChoices(me).map(c => new Option(c.label, c.value, false, c.value === view.team)));
  const period = form.querySelector('#period');
  period.value = view.from ? 'custom' : String(view.days);
  const from = form.querySelector('#from');
  const to = form.querySelector('#to');
  from.value = view.from || '';
  to.value = view.to || '';
  const tz = form.querySelector('#tz');
  tz.value = view.tz;
  const zones = form.querySelector('#zones');
  try {
    zones.replaceChildren(...Intl.supportedValuesOf('timeZone').map(z => new Option(z)));
  } catch {
    // older browsers: free text, checked on submit
  }
  const showCustom = () => form.classList.toggle('is-custom', period.value === 'custom');
  period.addEventListener('change', showCustom);
  showCustom();
  form.addEventListener('submit', event => {
    event.preventDefault();
    tz.setCustomValidity(validZone(tz.value.trim()) ? '' : 'Not a time zone (an IANA name such as Europe/Berlin)');
    const custom = period.value === 'custom';
    from.required = to.required = custom;
    to.setCustomValidity(custom && from.value && to.value && from.value > to.value ? 'Must not be before From' : '');
    if (!form.reportValidity()) return;
    const next = {
      team: team.value, tz: tz.value.trim(),
      from: custom ? from.value : null, to: custom ? to.value : null,
      days: custom ? null : Number(period.value),
    };
    window.location.assign(window.location.pathname + viewQuery(next));
  });
  form.hidden = false;
}
