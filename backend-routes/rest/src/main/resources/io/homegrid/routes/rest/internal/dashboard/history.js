// The paper's Figure 3 (the household's weekday profile: one line per weekday over the day's
// slots) and Figure 4 (one day, device by device, stacked).
import * as api from './api.js';
import { chart, context, h, isoDate, screen } from './view.js';

export async function showProfile(rest, params) {
  const weeks = params.get('weeks') || '4';
  const element = h('div', { class: 'chart', id: 'profile-chart' });
  const picker = h('select', { id: 'profile-weeks', 'aria-label': 'weeks' },
    ['1', '2', '4', '8', '12'].map((w) => h('option', { value: w, selected: w === weeks }, w + (w === '1' ? ' week' : ' weeks'))));
  picker.addEventListener('change', () => { location.hash = '#/profile?weeks=' + picker.value; });
  const caption = h('p', { class: 'muted' });
  const view = screen(h('h1', {}, 'Weekday profile'), h('div', { class: 'total' }, 'Average power by time of day over the last ', picker),
    element, caption);
  const report = await api.get('api/v1/households/' + context.household + '/profile?weeks=' + weeks);
  if (!view.alive()) {
    return;
  }
  const days = new Map();
  for (const slot of report.household) {
    if (!days.has(slot.weekday)) {
      days.set(slot.weekday, []);
    }
    days.get(slot.weekday).push([slot.time, slot.powerW === null || slot.powerW === undefined ? null : Math.round(slot.powerW)]);
  }
  const times = [...days.values()][0].map((point) => point[0]);
  const name = (weekday) => weekday.charAt(0) + weekday.slice(1, 3).toLowerCase();
  chart(element, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 55, right: 15, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: times, boundaryGap: false },
    yAxis: { type: 'value', name: 'W' },
    series: [...days.entries()].map(([weekday, points]) => ({
      name: name(weekday), type: 'line', showSymbol: false, connectNulls: false, data: points.map((p) => p[1]),
    })),
  });
  caption.textContent = 'From ' + report.from.slice(0, 10) + ' up to ' + report.to.slice(0, 10) + ' (' + report.timeZone
    + '), ' + report.slot + ' slots; a gap is a slot with no readings.';
}

export async function showDay(rest, params) {
  const date = params.get('date') || isoDate(new Date());
  const picker = h('input', { type: 'date', id: 'day-date', value: date, max: isoDate(new Date()) });
  picker.addEventListener('change', () => { location.hash = '#/day?date=' + picker.value; });
  const element = h('div', { class: 'chart', id: 'day-chart' });
  const caption = h('p', { class: 'muted' });
  const view = screen(h('h1', {}, 'One day, device by device'), h('div', { class: 'total' }, picker), element, caption);
  const [report, names] = await Promise.all([
    api.get('api/v1/households/' + context.household + '/day?date=' + date),
    deviceNames(),
  ]);
  if (!view.alive()) {
    return;
  }
  const starts = report.total.map((bucket) => bucket.start);
  // the household's local time, as the API gives it
  const labels = starts.map((start) => start.slice(11, 16));
  // the household's devices that have readings that day
  const measured = report.devices.filter((device) => device.series.length > 0);
  const series = measured.map((device) => {
    const byStart = new Map(device.series.map((bucket) => [bucket.start, bucket.powerW]));
    return {
      name: names.get(device.device) || device.device,
      type: 'line', stack: 'power', areaStyle: {}, showSymbol: false,
      data: starts.map((start) => (byStart.has(start) ? Math.round(byStart.get(start)) : null)),
    };
  });
  chart(element, {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 55, right: 15, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', name: 'W' },
    series,
  });
  caption.textContent = report.date + ' (' + report.timeZone + '), ' + report.hours + ' hours in '
    + report.bucket + ' buckets; ' + series.length + ' of ' + report.devices.length + ' devices measured.';
}

/** Device address → the name its gateway reported. */
export const namesOf = (devices) => new Map(devices.map((d) => [d.device, d.name || d.device]));

export async function deviceNames() {
  return namesOf(await api.householdDevices(context.household));
}
