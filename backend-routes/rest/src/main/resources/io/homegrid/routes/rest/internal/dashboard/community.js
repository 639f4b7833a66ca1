// The communities the caller counts in (or operates): each one's residual load per minute over
// the last hours against its limits, and as it stands now. Only the community's aggregate: no
// household's devices appear here, whoever looks. The residual as it stands and each new minute
// come on the live channel; where the host has no WebSocket, the page asks every few seconds.
import * as api from './api.js';
import { Live } from './live.js';
import { chart, h, screen, watts, when, failed } from './view.js';

const POLL_MS = 10000;
const HOURS = 6;

export async function showCommunity(rest) {
  const communities = (await api.get('api/v1/communities')).communities;
  if (communities.length === 0) {
    screen(h('h1', {}, 'Community'), h('p', { class: 'muted', id: 'community-none' },
      'This household is in no energy community. Its admin joins one on the API (PUT /api/v1/communities/{id}/members/{household}).'));
    return;
  }
  const chosen = communities.find((c) => c.id === rest[0]) || communities[0];
  const picker = h('select', { id: 'community-picker', 'aria-label': 'community' },
    ...communities.map((c) => h('option', { value: c.id, selected: c.id === chosen.id }, c.name)));
  picker.addEventListener('change', () => { location.hash = '#/community/' + picker.value; });
  const now = h('p', { id: 'community-now' }, '…');
  const error = h('p', { class: 'error', role: 'alert' });
  const element = h('div', { class: 'chart', id: 'community-chart' });
  const view = screen(h('h1', {}, 'Community'), picker, now, element, error);
  const instance = chart(element, {
    tooltip: { trigger: 'axis', valueFormatter: (v) => watts(v) },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 30, bottom: 40 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: 'W' },
    series: [
      { name: 'residual load', type: 'line', showSymbol: false, data: [] },
      { name: 'demand', type: 'line', showSymbol: false, data: [], lineStyle: { type: 'dotted' } },
      { name: 'PV', type: 'line', showSymbol: false, data: [] },
      { name: 'batteries', type: 'line', showSymbol: false, data: [] },
    ],
  });

  let limits = { limitWatts: chosen.limitWatts, lowerLimitWatts: chosen.lowerLimitWatts };
  function standing(latest) {
    now.textContent = latest.measuredAt
      ? 'Now ' + watts(latest.residualWatts) + ' (limit ' + watts(limits.limitWatts) + ', recharge below '
        + watts(limits.lowerLimitWatts) + '), ' + latest.households + ' household(s), ' + latest.batteries
        + ' battery(ies), measured ' + when(latest.measuredAt)
      : 'No member has reported in the last 30 s (limit ' + watts(limits.limitWatts) + ').';
  }

  async function load() {
    try {
      const to = new Date();
      const from = new Date(to.getTime() - HOURS * 3600 * 1000);
      const minutes = await api.get('api/v1/communities/' + chosen.id + '/residual?from=' + from.toISOString()
        + '&to=' + to.toISOString());
      const latest = await api.get('api/v1/communities/' + chosen.id + '/residual/latest');
      if (!view.alive()) {
        return;
      }
      limits = { limitWatts: latest.limitWatts, lowerLimitWatts: latest.lowerLimitWatts };
      const at = (m) => m.minuteStart;
      const lines = { silent: true, symbol: 'none', data: [
        { yAxis: minutes.limitWatts, name: 'limit', label: { formatter: 'limit' } },
        { yAxis: minutes.lowerLimitWatts, name: 'lower limit', label: { formatter: 'lower limit' } }] };
      instance.setOption({ series: [
        { data: minutes.minutes.map((m) => [at(m), m.residualWatts]), markLine: lines },
        { data: minutes.minutes.map((m) => [at(m), m.demandWatts]) },
        { data: minutes.minutes.map((m) => [at(m), m.generationWatts]) },
        { data: minutes.minutes.map((m) => [at(m), m.batteryWatts]) },
      ] });
      standing(latest);
      error.textContent = '';
    } catch (e) {
      failed(e, error);
    }
  }
  await load();
  if (!view.alive()) {
    return;
  }
  let poll = null;
  const live = new Live([{ id: 'community', community: chosen.id }], {
    message(kind, data) {
      if (data.statement === 'community-residual-live') {
        standing({ measuredAt: data.time, ...data.values });
      } else {
        load();
      }
    },
    gap() {
      load();
    },
    unavailable() {
      if (!poll) {
        poll = setInterval(load, POLL_MS);
      }
    },
    status() {
    },
  });
  view.onLeave(() => { live.close(); clearInterval(poll); });
}
