// The seed's heat map: each visible gateway where it was registered, coloured by the power its
// devices draw now, and its devices around it, each coloured by its own. Without map tiles (the
// dashboard works offline), positions are on a plain longitude/latitude plane.
import * as api from './api.js';
import { chart, context, escape, h, screen, watts } from './view.js';

const REFRESH_MS = 5000;

export async function showMap() {
  const element = h('div', { class: 'chart', id: 'map-chart' });
  const table = h('tbody', {});
  const scope = h('p', { class: 'muted' });
  const view = screen(h('h1', {}, 'Map'), scope, element, h('h2', {}, 'Gateways'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'map-gateways' }, h('thead', {}, h('tr', {},
      h('th', {}, 'Gateway'), h('th', {}, 'Household'), h('th', { class: 'num' }, 'Devices'), h('th', { class: 'num' }, 'Power now'),
      h('th', {}, 'Location'))), table)));
  // operators and utilities with grants see every household they may; a resident sees theirs
  const households = context.households;
  scope.textContent = households.length > 1 ? households.length + ' households' : households[0].name;
  const instance = chart(element, {
    tooltip: { formatter: (p) => p.data.tip },
    grid: { left: 55, right: 80, top: 20, bottom: 40 },
    xAxis: { type: 'value', name: 'lon', scale: true, axisLabel: { formatter: (v) => v.toFixed(3) } },
    yAxis: { type: 'value', name: 'lat', scale: true, axisLabel: { formatter: (v) => v.toFixed(3) } },
    visualMap: { type: 'continuous', dimension: 2, min: 0, max: 1000, right: 0, top: 'middle', text: ['W', ''],
      inRange: { color: ['#2c7bb6', '#ffffbf', '#d7191c'] }, calculable: true },
    series: [{ name: 'gateways', type: 'scatter', symbolSize: 30, data: [], z: 3 },
      { name: 'devices', type: 'scatter', symbolSize: 11, data: [], z: 2 }],
  });

  async function load() {
    const rows = [];
    for (const household of households) {
      for (const gateway of await api.gatewaysOf(household.id)) {
        let devices = [];
        try {
          devices = await api.all('api/v1/gateways/' + gateway.gateway + '/devices', 'devices');
        } catch (e) {
          // a grant may cover a household's analyses but not its devices: shown without a load
        }
        const drawing = devices.filter((d) => d.state !== 'left').map((d) => ({
          device: d,
          power: (d.sensors || []).filter((s) => s.sensor === 'power').reduce((sum, s) => sum + s.value, 0),
        }));
        const power = drawing.reduce((sum, d) => sum + d.power, 0);
        rows.push({ gateway, household, devices: devices.length, drawing, power });
      }
    }
    const located = rows.filter((r) => typeof r.gateway.latitude === 'number' && typeof r.gateway.longitude === 'number');
    const max = Math.max(1000, ...rows.map((r) => r.power));
    const lons = located.map((r) => r.gateway.longitude);
    const lats = located.map((r) => r.gateway.latitude);
    // the view spans the gateways, at least a few streets' worth; devices ring their gateway
    const span = Math.max(0.004, Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats));
    const ring = span / 12;
    const devicePoints = located.flatMap((r) => r.drawing.map((d, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, r.drawing.length);
      return {
        value: [r.gateway.longitude + ring * Math.cos(angle), r.gateway.latitude + ring * Math.sin(angle), Math.round(d.power)],
        // ECharts shows tooltips as markup: names are users' text, escaped
        tip: escape(d.device.name || d.device.device) + ' · ' + escape(r.gateway.name || r.gateway.gateway) + '<br>' + watts(d.power),
      };
    }));
    instance.setOption({
      visualMap: { max: Math.ceil(max / 100) * 100 },
      xAxis: located.length ? { min: Math.min(...lons) - span * 0.6, max: Math.max(...lons) + span * 0.6 } : {},
      yAxis: located.length ? { min: Math.min(...lats) - span * 0.4, max: Math.max(...lats) + span * 0.4 } : {},
      series: [{ data: located.map((r) => ({
        value: [r.gateway.longitude, r.gateway.latitude, Math.round(r.power)],
        tip: escape(r.gateway.name || r.gateway.gateway) + ' · ' + escape(r.household.name) + '<br>' + watts(r.power)
          + ' from ' + r.devices + ' devices',
      })) }, { data: devicePoints }],
    });
    table.replaceChildren(...rows.map((r) => h('tr', { dataset: { gateway: r.gateway.gateway } },
      h('td', {}, r.gateway.name || r.gateway.gateway), h('td', {}, r.household.name), h('td', { class: 'num' }, r.devices),
      h('td', { class: 'num' }, watts(r.power)),
      h('td', {}, typeof r.gateway.latitude === 'number' ? r.gateway.latitude.toFixed(4) + ', ' + r.gateway.longitude.toFixed(4) : 'not set'))));
  }

  await load();
  const timer = setInterval(() => load().catch(() => {}), REFRESH_MS);
  view.onLeave(() => clearInterval(timer));
}
