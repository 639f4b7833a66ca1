// Household administration through the API: gateways (register, rotate or revoke a secret),
// users, grants to applications, virtual devices and replays. What a caller may not do, the API
// refuses; the page shows its reason.
import * as api from './api.js';
import { Live } from './live.js';
import { context, fields, h, isOperator, list, screen, when } from './view.js';

const TABS = { gateways: 'Gateways', users: 'Users', grants: 'Grants', virtual: 'Virtual devices', replays: 'Replays' };

export async function showAdmin(rest) {
  const tab = TABS[rest[0]] ? rest[0] : 'gateways';
  const tabs = h('div', { class: 'tabs' }, Object.entries(TABS).map(([key, label]) =>
    h('a', { href: '#/admin/' + key, class: key === tab ? 'active' : null }, label)));
  const body = h('div', { id: 'admin-' + tab });
  const view = screen(h('h1', {}, 'Admin · ' + TABS[tab]), tabs, body);
  await { gateways, users, grants, virtual, replays }[tab](body, view);
}

const path = (suffix) => 'api/v1/households/' + context.household + suffix;

/** A form that posts its fields as JSON and shows the API's answer or its error under it. */
function form(id, inputs, submit, onSubmit) {
  const error = h('div', { class: 'error', role: 'alert' });
  const element = h('form', { class: 'inline', id }, inputs, h('button', { type: 'submit' }, submit), error);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await onSubmit(fields(element), element);
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return element;
}

const input = (label, name, attributes) => h('label', {}, label, h('input', { name, ...(attributes || {}) }));

function table(headers, rows, empty) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : [h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, empty))])));
}

function action(label, run, where) {
  return h('button', { type: 'button', class: 'plain', onclick: async () => {
    try {
      await run();
    } catch (e) {
      where.textContent = e.message;
    }
  } }, label);
}

function secretShown(where, answer) {
  where.replaceChildren(h('p', {}, 'Secret of ' + answer.gateway + ' (shown once; put it in the gateway\'s configuration):'),
    h('div', { class: 'secret', id: 'gateway-secret' }, answer.secret));
}

/** The secret of a gateway just registered, for the list shown after it. */
let registered = null;

async function gateways(body) {
  const secret = h('div', {});
  if (registered) {
    secretShown(secret, registered);
    registered = null;
  }
  const error = h('div', { class: 'error', role: 'alert' });
  const rows = (await api.gatewaysOf(context.household)).map((g) => h('tr', { dataset: { gateway: g.gateway } },
    h('td', {}, g.gateway), h('td', {}, g.name || ''), h('td', {}, g.description || ''),
    h('td', {}, typeof g.latitude === 'number' ? g.latitude + ', ' + g.longitude : ''),
    h('td', {}, g.hasSecret ? 'yes' : 'revoked'),
    h('td', {}, action('Rotate secret', async () => {
      secretShown(secret, await api.post(path('/gateways/' + g.gateway + '/secret')));
    }, error), ' ', action('Revoke', async () => {
      await api.del(path('/gateways/' + g.gateway + '/secret'));
      showAdmin(['gateways']);
    }, error))));
  body.append(
    table(['Gateway', 'Name', 'Description', 'Location', 'Secret', ''], rows, 'No gateway registered yet.'), error, secret,
    h('h2', {}, 'Register a gateway'),
    form('register-gateway', [input('Id', 'gateway', { required: true, pattern: '[A-Za-z0-9._-]{1,64}' }), input('Name', 'name'),
      input('Description', 'description'), input('Latitude', 'lat', { inputmode: 'decimal' }),
      input('Longitude', 'lon', { inputmode: 'decimal' })], 'Register', async (f) => {
      const request = { gateway: f.gateway, name: f.name, description: f.description };
      if (f.lat || f.lon) {
        request.location = { lat: Number(f.lat), lon: Number(f.lon) };
      }
      registered = await api.post(path('/gateways'), request);
      await showAdmin(['gateways']);
    }));
}

async function users(body) {
  const rows = (await api.all(path('/users'), 'users')).map((u) => h('tr', {},
    h('td', {}, u.username), h('td', {}, u.role), h('td', {}, when(u.created))));
  body.append(table(['User', 'Role', 'Since'], rows, 'No users.'), h('h2', {}, 'Add a user'),
    form('add-user', [input('User name', 'username', { required: true, autocomplete: 'off' }),
      input('Password', 'password', { type: 'password', required: true, autocomplete: 'new-password', minlength: 12 }),
      h('label', {}, 'Role', h('select', { name: 'role' }, h('option', { value: 'resident' }, 'resident'),
        h('option', { value: 'household-admin' }, 'household admin')))], 'Add', async (f) => {
      await api.post(path('/users'), f);
      await showAdmin(['users']);
    }));
}

const SCOPES = ['readings:read', 'aggregates:read', 'events:read', 'live:read', 'relay:write'];

async function grants(body) {
  const error = h('div', { class: 'error', role: 'alert' });
  const rows = (await api.all(path('/grants'), 'grants')).map((g) => h('tr', { dataset: { grant: g.id } },
    h('td', {}, g.application), h('td', {}, (g.scopes || []).join(' ')),
    h('td', {}, (g.devices || []).length ? g.devices.join(' ') : 'all'), h('td', {}, (g.sensors || []).length ? g.sensors.join(' ') : 'all'),
    h('td', {}, g.history || 'all'), h('td', {}, g.revoked ? 'revoked ' + when(g.revoked) : (g.expires ? 'until ' + when(g.expires) : 'in force')),
    h('td', {}, g.revoked ? '' : action('Revoke', async () => {
      await api.del(path('/grants/' + g.id));
      showAdmin(['grants']);
    }, error))));
  let applications = [];
  try {
    applications = await api.all('api/v1/applications', 'applications');
  } catch (e) {
    // only operators list applications; others type the client id the utility gave them
  }
  body.append(table(['Application', 'Scopes', 'Devices', 'Sensors', 'History', 'State', ''], rows, 'No grants.'), error,
    h('h2', {}, 'Grant an application access'),
    form('add-grant', [
      applications.length
        ? h('label', {}, 'Application', h('select', { name: 'application' }, applications.map((a) => h('option', { value: a.clientId }, a.name + ' (' + a.clientId + ')'))))
        : input('Application (client id)', 'application', { required: true }),
      h('fieldset', {}, h('legend', {}, 'Scopes'), SCOPES.map((s) => h('label', {}, h('input', { type: 'checkbox', name: 'scope', value: s, checked: s !== 'relay:write' }), s))),
      input('Devices (empty: all)', 'devices'), input('Sensors (empty: all)', 'sensors'),
      input('History (e.g. P30D)', 'history'), input('Expires (ISO time)', 'expires')], 'Grant', async (f, element) => {
      const scopes = [...element.querySelectorAll('input[name=scope]:checked')].map((c) => c.value);
      const request = { application: f.application, scopes, devices: list(f.devices), sensors: list(f.sensors) };
      if (f.history) { request.history = f.history; }
      if (f.expires) { request.expires = f.expires; }
      await api.post(path('/grants'), request);
      await showAdmin(['grants']);
    }));
}

async function virtual(body) {
  const error = h('div', { class: 'error', role: 'alert' });
  const rows = (await api.all(path('/virtual-devices'), 'virtualDevices')).map((v) => h('tr', {},
    h('td', {}, v.name), h('td', {}, v.devices.join(' ')), h('td', {}, v.createdBy || ''),
    h('td', {}, action('Delete', async () => {
      await api.del(path('/virtual-devices/' + encodeURIComponent(v.name)));
      showAdmin(['virtual']);
    }, error))));
  const devices = await api.householdDevices(context.household);
  body.append(table(['Name', 'Devices', 'Created by', ''], rows, 'No virtual devices.'), error,
    h('h2', {}, 'Group devices'),
    form('add-virtual', [input('Name', 'name', { required: true }),
      h('fieldset', {}, h('legend', {}, 'Devices'), devices.map((d) => h('label', {},
        h('input', { type: 'checkbox', name: 'member', value: d.device }), d.name || d.device)))], 'Create', async (f, element) => {
      const members = [...element.querySelectorAll('input[name=member]:checked')].map((c) => c.value);
      await api.post(path('/virtual-devices'), { name: f.name, devices: members });
      await showAdmin(['virtual']);
    }));
}

async function replays(body, view) {
  const error = h('div', { class: 'error', role: 'alert' });
  const all = (await api.all('api/v1/replays', 'replays')).filter((r) => isOperator() || r.household === context.household);
  const progress = new Map();
  const rows = all.map((r) => {
    const done = h('span', {}, String(r.readingsSent) + (r.readingsTotal ? ' / ' + r.readingsTotal : ''));
    const state = h('span', {}, r.state + (r.reason ? ': ' + r.reason : ''));
    progress.set(r.id, { done, state, total: r.readingsTotal });
    return h('tr', { dataset: { replay: r.id } }, h('td', {}, r.id), h('td', {}, when(r.from) + ' – ' + when(r.to)),
      h('td', {}, r.mode), h('td', {}, r.speed ? r.speed + '×' : 'max'), h('td', {}, state), h('td', { class: 'num' }, done),
      h('td', {}, ['running', 'pending', 'queued'].includes(String(r.state).toLowerCase()) ? action('Cancel', async () => {
        await api.del('api/v1/replays/' + r.id);
        showAdmin(['replays']);
      }, error) : ''));
  });
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 86400000);
  body.append(table(['Id', 'Original time', 'Mode', 'Speed', 'State', 'Readings sent', ''], rows, 'No replays.'), error,
    h('h2', {}, 'Replay recorded readings'),
    form('start-replay', [input('From (ISO time)', 'from', { value: dayAgo.toISOString().slice(0, 16) + 'Z', required: true }),
      input('Duration (ISO, e.g. PT1H)', 'duration', { value: 'PT1H', required: true }),
      input('Speed (× or max)', 'speed', { value: '60' }),
      h('label', {}, 'Mode', h('select', { name: 'mode' }, h('option', { value: 'pipeline' }, 'pipeline'), h('option', { value: 'isolated' }, 'isolated'))),
      input('Gateways (empty: all)', 'gateways')], 'Start', async (f) => {
      const request = { household: context.household, from: f.from, duration: f.duration, mode: f.mode, gateways: list(f.gateways) };
      if (f.speed) { request.speed = f.speed === 'max' ? 'max' : Number(f.speed); }
      await api.post('api/v1/replays', request);
      await showAdmin(['replays']);
    }));
  // progress as the replay service reports it, live where the host has the WebSocket
  const live = new Live([{ id: 'replays', household: context.household, kinds: ['replay'] }], {
    message(kind, data) {
      const row = progress.get(data.id);
      if (row) {
        row.done.textContent = String(data.readingsSent) + (data.readingsTotal ? ' / ' + data.readingsTotal : '');
        row.state.textContent = data.state;
      }
    },
    unavailable() {},
    status() {},
  });
  view.onLeave(() => live.close());
}
