// Which devices cost the most, and what the CEP engine noticed (switches, peaks, a cold room).
import * as api from './api.js';
import { context, h, isoDate, kwh, money, nextDay, screen, startOfDay, when } from './view.js';
import { deviceNames, namesOf } from './history.js';

const TARIFF_KEY = 'homegrid.tariff';

export async function showConsumers(rest, params) {
  const today = new Date();
  const weekAgo = new Date(today.getTime() - 7 * 86400000);
  const from = params.get('from') || isoDate(weekAgo);
  const to = params.get('to') || isoDate(today);
  const tariff = params.get('tariff') || localStorage.getItem(TARIFF_KEY) || '0.30';
  const form = h('form', { class: 'inline', id: 'consumers-form' },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: from })),
    h('label', {}, 'To (inclusive)', h('input', { type: 'date', name: 'to', value: to })),
    h('label', {}, 'Price per kWh', h('input', { name: 'tariff', value: tariff, size: 6, inputmode: 'decimal' })),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(TARIFF_KEY, form.tariff.value);
    location.hash = '#/consumers?from=' + form.from.value + '&to=' + form.to.value + '&tariff=' + encodeURIComponent(form.tariff.value);
  });
  const body = h('tbody', {});
  const summary = h('p', { class: 'muted', id: 'consumers-summary' });
  screen(h('h1', {}, 'Top consumers'), form, summary,
    h('div', { class: 'table-wrap' }, h('table', { id: 'consumers' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Device'), h('th', { class: 'num' }, 'Energy'),
        h('th', { class: 'num' }, 'Cost'), h('th', { class: 'num' }, 'Share'), h('th', { class: 'num' }, 'Standby'))),
      body)));
  const range = '?from=' + encodeURIComponent(startOfDay(from)) + '&to=' + encodeURIComponent(startOfDay(nextDay(to)))
    + '&tariff=' + encodeURIComponent(tariff);
  const [report, names] = await Promise.all([api.get('api/v1/households/' + context.household + '/consumers' + range), deviceNames()]);
  body.replaceChildren(...report.devices.map((d) => h('tr', { dataset: { device: d.device } },
    h('td', {}, d.rank), h('td', {}, names.get(d.device) || d.device), h('td', { class: 'num' }, kwh(d.energyWh)),
    h('td', { class: 'num' }, money(d.cost)), h('td', { class: 'num' }, Math.round(d.share * 100) + ' %'),
    h('td', { class: 'num' }, Math.round(d.standbyW) + ' W'))));
  summary.textContent = 'In all ' + kwh(report.energyWh) + ', costing ' + money(report.cost) + ' at '
    + tariff + ' per kWh (' + report.timeZone + ').';
}

export async function showEvents() {
  const body = h('tbody', {});
  screen(h('h1', {}, 'Events'), h('p', { class: 'muted' }, 'The last day: switches, peaks, cold rooms and whatever else the household\'s statements report.'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'events' },
      h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'What'), h('th', {}, 'Device'), h('th', {}, 'Details'))), body)));
  const devices = [];
  const events = [];
  for (const gateway of await api.gatewaysOf(context.household)) {
    devices.push(...await api.devicesOf(gateway.gateway));
    events.push(...(await api.get('api/v1/events?limit=1000&gateway=' + encodeURIComponent(gateway.gateway))).events);
  }
  const names = namesOf(devices);
  events.sort((a, b) => (a.time < b.time ? 1 : -1));
  body.replaceChildren(...(events.length ? events.map((e) => h('tr', {},
    h('td', {}, when(e.time)), h('td', {}, e.statement), h('td', {}, e.device ? (names.get(e.device) || e.device) : 'household'),
    h('td', {}, Object.entries(e.values || {}).map(([k, v]) => k + ' ' + (typeof v === 'number' ? Math.round(v * 100) / 100 : v)).join(', '))))
    : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'Nothing in the last day.'))]));
}
