// Charts with uPlot (the org.webjars.npm:uplot jar, served by report-api itself: no CDN). Every chart has a table of
// the same figures beside it; the canvas is decoration for screen readers.
const UPLOT = '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

const COLORS = ['#1f5fbf', '#b3261e', '#2e7d32', '#8a4b08'];

let uPlotModule;
async function uPlot() {
  if (!uPlotModule) uPlotModule = (await import(UPLOT)).default;
  return uPlotModule;
}

/**
 * A time chart: `xs` instants in seconds, `series` [{label, values}]; axis labels in `zone` (UTC for whole days,
 * whose x is the day's date at 00:00 UTC).
 */
export async function timeChart(container, title, xs, series, zone, bars = false) {
  // Whole days (bars): one tick per day (or every few days), labelled by date, the bars not cut at the edges.
  const dayLabel = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const dayAxis = bars ? {
    incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400],
    values: (u, splits) => splits.map(s => dayLabel.format(new Date(s * 1000))),
    space: 56,
  } : {};
  const U = await uPlot();
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const caption = document.createElement('figcaption');
  caption.textContent = title + ' (the table below has the same figures)';
  const plot = document.createElement('div');
  plot.setAttribute('aria-hidden', 'true');
  figure.append(caption, plot);
  container.append(figure);
  const width = () => Math.max(260, Math.floor(figure.clientWidth));
  const options = {
    width: width(),
    height: 220,
    tzDate: ts => U.tzDate(new Date(ts * 1000), zone),
    scales: { x: bars ? { time: true, range: (u, min, max) => [min - 43200, max + 43200] } : { time: true } },
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    series: [{}, ...series.map((s, i) => ({
      label: s.label,
      stroke: COLORS[i % COLORS.length],
      fill: bars ? COLORS[i % COLORS.length] + '55' : undefined,
      width: 2,
      paths: bars ? U.paths.bars({ size: [0.7, 40] }) : undefined,
      points: { show: xs.length <= 60 },
    }))],
    axes: [{ stroke: '#333', grid: { stroke: '#e3e3e3' }, ...dayAxis },
      { stroke: '#333', grid: { stroke: '#e3e3e3' }, size: 60 }],
  };
  const chart = new U(options, [xs, ...series.map(s => s.values)], plot);
  new ResizeObserver(() => chart.setSize({ width: width(), height: 220 })).observe(figure);
  return chart;
}

export function daySeconds(date) {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
}

export function instantSeconds(text) {
  return Date.parse(text) / 1000;
}
