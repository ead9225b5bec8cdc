// Numbers for people (thousands separators, $ with cents, ms, %), with the raw value the API answered kept in
// `data-value` and where it came from in `data-path` (a path into that answer), so tests compare exactly.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The text a person reads for a value of this kind. */
export function display(value, kind, zone) {
  if (value === null || value === undefined || value === '') return '—';
  switch (kind) {
    case 'int':
      return integer.format(value);
    case 'usd':
      if (value !== 0 && Math.abs(value) < 0.005) return (value < 0 ? '−' : '') + '< $0.01';
      return usd.format(value);
    case 'credits':
      return decimal.format(value);
    case 'pct':
      return decimal.format(value) + ' %';
    case 'ms':
      return oneDecimal.format(value) + ' ms';
    case 'change':
      return (value > 0 ? '▲ +' : value < 0 ? '▼ ' : '') + decimal.format(value) + ' %';
    case 'time':
      return formatInstant(value, zone);
    case 'minute':
      return formatInstant(value, zone, false);
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'host':
      return hostOf(value);
    case 'set':
      return value ? 'set' : 'none';
    case 'http':
      return 'HTTP ' + value;
    default:
      return String(value);
  }
}

/** A URL's host (and port), which says where it goes in a narrow column; the whole URL when it is not one. */
function hostOf(text) {
  try {
    return new URL(text).host || String(text);
  } catch {
    return String(text);
  }
}

function formatInstant(text, zone, seconds = true) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return String(text);
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone || undefined, year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined, hourCycle: 'h23',
  }).format(date);
}

/** The raw value as text: numbers as JavaScript writes them (shortest round-trip form), null as ''. */
export function raw(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** Fills an element with a value: its text for people, its data-value and data-path for tests. */
export function fill(element, value, kind, path, zone) {
  element.textContent = display(value, kind, zone);
  element.dataset.value = raw(value);
  if (path) element.dataset.path = path;
  if (kind === 'change' && typeof value === 'number') {
    element.classList.add(value > 0 ? 'up' : value < 0 ? 'down' : 'flat');
  }
  return element;
}

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'text') element.textContent = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A section with a heading. */
export function section(title, ...children) {
  const id = 'h-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return el('section', { class: 'panel', 'aria-labelledby': id }, el('h2', { id, text: title }), ...children);
}

/**
 * A table of rows; `columns` are {key, label, kind}; each cell's data-path is `${base}[i].${key}` (or
 * `${base}[i].${path}`; `path: false` for none; `path` a function of the row and its index for the whole path).
 * A column with `title` gives each cell a tooltip of the raw value (a URL shown by its host, say); `brief` lets a
 * text column wrap. Wide tables scroll inside their own focusable region, never the page; with `{stack: true}` a
 * narrow screen shows each row as a list of label and value instead (few rows whose every column matters).
 */
export function table(caption, columns, rows, base, zone, options = {}) {
  const head = el('tr', {}, ...columns.map(c => el('th', {
    scope: 'col', class: typeof c.kind === 'function' || numeric(c.kind) ? 'num' : '', text: c.label })));
  const body = el('tbody');
  (rows || []).forEach((row, i) => {
    const tr = el('tr', { 'data-row': String(i) });
    for (const c of columns) {
      const value = c.get ? c.get(row) : row[c.key];
      const path = c.path === false ? null
        : typeof c.path === 'function' ? c.path(row, i) : `${base}[${i}].${c.path || c.key}`;
      const kind = typeof c.kind === 'function' ? c.kind(row) : c.kind;
      const cell = fill(el('td', { class: numeric(kind) ? 'num' : c.wrap ? 'wrap' : c.brief ? 'brief' : '',
        'data-label': options.stack ? c.label : null }), value, kind, path, zone);
      if (c.title && value) cell.title = raw(value);
      tr.append(cell);
    }
    body.append(tr);
  });
  if (!rows || rows.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: String(columns.length), class: 'empty', text: 'Nothing in this period.' })));
  }
  const t = el('table', { 'data-base': base, class: options.stack ? 'stack' : null },
    el('caption', { text: caption }), el('thead', {}, head), body);
  return el('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, t);
}

function numeric(kind) {
  return ['int', 'usd', 'credits', 'pct', 'ms', 'change', 'http'].includes(kind);
}

/**
 * A figure card: value, the previous period's value and the change. {@code better} says which way is good for the
 * figure ('lower' for error rate, latency and cost: a rise shows red, a fall green; 'none' for volumes: the arrow
 * alone shows the direction).
 */
export function card(label, kind, summary, key, base, better = 'none') {
  const value = fill(el('p', { class: 'value' }), summary[key], kind, `${base}.${key}`);
  const previous = summary.previous_period ? summary.previous_period[key] : null;
  const change = summary.change_percent ? summary.change_percent[key] : null;
  const meta = el('p', { class: 'meta' });
  if (summary.previous_period) {
    meta.append(
      fill(el('span', { class: 'change', 'data-better': better }), change, 'change', `${base}.change_percent.${key}`),
      el('span', { text: ' vs ' }),
      fill(el('span', { class: 'previous' }), previous, kind, `${base}.previous_period.${key}`),
      el('span', { text: ' before' }));
  }
  return el('div', { class: 'card', 'data-figure': key }, el('h3', { text: label }), value, meta);
}
