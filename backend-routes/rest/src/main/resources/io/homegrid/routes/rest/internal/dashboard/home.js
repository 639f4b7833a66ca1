// The household now: live total power, each device's power and temperature, relay switches that
// show what the plug confirmed.
import * as api from './api.js';
import { Live } from './live.js';
import { chart, context, h, screen, watts } from './view.js';

const POLL_MS = 2000;
const HISTORY_MS = 10 * 60 * 1000;
/** The total's chart is redrawn at most this often; the numbers follow every reading. */
const CHART_MS = 1000;
/** The last readings the page got, with when it got them: what the latency benchmark reads. */
const arrivals = [];
window.homegrid = Object.assign(window.homegrid || {}, { arrivals });

export async function showHome() {
  const household = context.household;
  const devices = new Map();
  const total = h('span', { class: 'value', id: 'total-power' }, '–');
  const status = h('span', { class: 'muted', id: 'live-status' }, 'connecting …');
  const grid = h('div', { class: 'grid', id: 'devices' });
  const trend = h('div', { class: 'chart small', id: 'total-chart' });
  const view = screen(
    h('h1', {}, 'Now'),
    h('div', { class: 'total card' }, h('span', {}, 'Total'), total, status),
    trend,
    h('h2', {}, 'Devices'),
    grid);
  const points = [];
  const line = chart(trend, {
    grid: { left: 50, right: 10, top: 10, bottom: 25 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', axisLabel: { formatter: '{value} W' } },
    tooltip: { trigger: 'axis' },
    series: [{ name: 'total', type: 'line', showSymbol: false, data: points }],
  });

  function updateTotal() {
    let sum = 0;
    let measured = 0;
    for (const d of devices.values()) {
      if (d.state !== 'left' && typeof d.power === 'number') {
        sum += d.power;
        measured += 1;
      }
    }
    total.textContent = measured ? watts(sum) : '–';
    total.dataset.watts = measured ? String(sum) : '';
    const now = Date.now();
    if (!points.length || now - points[points.length - 1][0] >= CHART_MS) {
      points.push([now, Math.round(sum)]);
      while (points.length && points[0][0] < now - HISTORY_MS) {
        points.shift();
      }
      line.setOption({ series: [{ data: points }] });
    }
  }

  // Readings arrive by the hundred a second in a large home: the page is drawn once a frame
  // (none while it is hidden; it catches up when shown).
  const dirty = new Set();
  let frame = null;
  function later(entry) {
    dirty.add(entry);
    if (frame === null) {
      frame = requestAnimationFrame(() => {
        frame = null;
        dirty.forEach(paint);
        dirty.clear();
        updateTotal();
      });
    }
  }

  /** Keeps a sensor's value unless it is older than the one the page has (a list read while readings arrive). */
  function fresh(entry, sensor, value, time) {
    const at = Date.parse(time);
    entry.at = entry.at || {};
    if (!(entry.at[sensor] > at)) {
      entry[sensor] = value;
      entry.at[sensor] = at;
    }
  }

  function card(device) {
    const entry = devices.get(device.device) || { device: device.device };
    devices.set(device.device, entry);
    entry.gateway = device.gateway;
    entry.state = device.state;
    entry.switchable = device.relay === true;
    for (const sensor of device.sensors || []) {
      fresh(entry, sensor.sensor, sensor.value, sensor.time);
    }
    if (!entry.element) {
      entry.powerText = h('span', { class: 'power' });
      entry.temperatureText = h('span', { class: 'muted' });
      entry.error = h('div', { class: 'error', role: 'status' });
      entry.toggle = h('input', { type: 'checkbox', role: 'switch', 'aria-label': 'relay of ' + (device.name || device.device) });
      entry.toggle.addEventListener('change', () => switchRelay(entry));
      entry.relayText = h('span', {});
      entry.element = h('div', { class: 'device card', dataset: { device: device.device } },
        h('h3', {}, device.name || device.device),
        h('div', { class: 'muted' }, device.device + ' · ' + (device.type || '')),
        entry.powerText, ' ', entry.temperatureText,
        entry.switchable ? h('div', {}, h('label', { class: 'switch' }, entry.toggle, entry.relayText)) : null,
        entry.error);
      grid.append(entry.element);
    }
    paint(entry);
  }

  function paint(entry) {
    entry.element.classList.toggle('left', entry.state === 'left');
    entry.element.dataset.state = entry.state || '';
    entry.powerText.textContent = watts(entry.power);
    entry.element.dataset.power = typeof entry.power === 'number' ? String(entry.power) : '';
    entry.temperatureText.textContent = typeof entry.temperature === 'number' ? entry.temperature.toFixed(1) + ' °C' : '';
    if (entry.switchable && !entry.pending) {
      const on = entry.relay === 1 || entry.relay === true;
      entry.toggle.checked = on;
      entry.relayText.textContent = entry.state === 'left' ? 'not reachable' : (on ? 'on' : 'off');
      entry.element.dataset.relay = on ? 'on' : 'off';
    }
  }

  async function switchRelay(entry) {
    const wanted = entry.toggle.checked;
    entry.pending = true;
    entry.toggle.disabled = true;
    entry.error.textContent = '';
    entry.relayText.textContent = 'switching ' + (wanted ? 'on' : 'off') + ' …';
    entry.element.dataset.relay = 'pending';
    try {
      const answer = await api.post('api/v1/devices/' + entry.device + '/relay', { on: wanted });
      fresh(entry, 'relay', answer.on ? 1 : 0, new Date().toISOString());
    } catch (e) {
      entry.error.textContent = 'not switched: ' + e.message;
    } finally {
      entry.pending = false;
      entry.toggle.disabled = false;
      paint(entry);
    }
  }

  const gateways = await api.gatewaysOf(household);

  async function load() {
    for (const gateway of gateways) {
      // a gateway not heard from yet has none; its first reading reloads
      (await api.devicesOf(gateway.gateway)).forEach(card);
    }
    updateTotal();
  }

  try {
    await load();
  } catch (e) {
    status.textContent = e.message;
  }
  if (!view.alive()) {
    return;
  }
  let poll = null;
  let loading = null;
  function reload() {
    if (!loading) {
      loading = load().catch((e) => { status.textContent = e.message; }).finally(() => { loading = null; });
    }
  }
  const live = new Live([{ id: 'home', household, kinds: ['reading', 'device'] }], {
    message(kind, data) {
      if (kind === 'device') {
        const known = devices.get(data.device);
        if (known) {
          known.state = data.state;
          later(known);
        } else {
          reload();
        }
        return;
      }
      arrivals.push({ device: data.device, sensor: data.sensor, value: data.value, seq: data.seq, time: data.time, at: Date.now() });
      if (arrivals.length > 20000) {
        arrivals.splice(0, 10000);
      }
      const entry = devices.get(data.device);
      if (!entry) {
        reload();
        return;
      }
      fresh(entry, data.sensor, data.value, data.time);
      if (entry.state === 'left') {
        entry.state = 'joined';
      }
      later(entry);
    },
    gap() {
      reload();
    },
    unavailable() {
      status.textContent = 'updating every ' + POLL_MS / 1000 + ' s';
      if (!poll) {
        poll = setInterval(reload, POLL_MS);
      }
    },
    status(text) {
      status.textContent = text;
    },
  });
  // joins and leaves come live; names and types a gateway renamed, with the list now and then
  const refresh = setInterval(reload, 60000);
  view.onLeave(() => { live.close(); clearInterval(poll); clearInterval(refresh); });
}
