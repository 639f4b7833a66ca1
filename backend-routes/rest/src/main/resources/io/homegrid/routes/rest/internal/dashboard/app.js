// The dashboard's shell: log-in, the household chooser and the views behind the #/… routes.
import * as api from './api.js';
import { context, h, isAdmin, notice, screen, failed } from './view.js';
import { showHome } from './home.js';
import { showProfile, showDay } from './history.js';
import { showConsumers, showEvents } from './consumers.js';
import { showMap } from './map.js';
import { showAdmin } from './admin.js';
import { showCommunity } from './community.js';

const views = {
  home: showHome,
  profile: showProfile,
  day: showDay,
  consumers: showConsumers,
  events: showEvents,
  map: showMap,
  community: showCommunity,
  admin: showAdmin,
};

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  return { name: name || 'home', rest, params: new URLSearchParams(query || '') };
}

function showLogin(reason) {
  document.getElementById('nav').hidden = true;
  document.getElementById('household').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('user').textContent = '';
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, reason || '');
  const form = h('form', { class: 'login card', id: 'login' },
    h('h1', {}, 'Log in'),
    h('label', {}, 'User', h('input', { name: 'username', id: 'username', autocomplete: 'username', required: true })),
    h('label', {}, 'Password', h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api.login(form.username.value, form.password.value);
      await start();
    } catch (e) {
      failed(e, error);
    }
  });
  screen(form);
  form.username.focus();
}

async function start() {
  context.caller = api.caller();
  if (!context.caller) {
    showLogin();
    return;
  }
  context.households = await api.all('api/v1/households', 'households');
  const chooser = document.getElementById('household');
  const wanted = sessionStorage.getItem('homegrid.household');
  context.household = (context.households.find((x) => x.id === wanted) || context.households[0] || {}).id || null;
  chooser.replaceChildren(...context.households.map((x) => h('option', { value: x.id, selected: x.id === context.household }, x.name)));
  chooser.hidden = context.households.length < 2;
  document.getElementById('user').textContent = context.caller.user + ' (' + context.caller.role + ')';
  document.getElementById('logout').hidden = false;
  document.getElementById('nav').hidden = false;
  document.querySelectorAll('[data-admin]').forEach((a) => { a.hidden = !isAdmin(); });
  if (location.hash === '' || location.hash.startsWith('#/login')) {
    location.hash = '#/home';
  }
  render();
}

async function render() {
  if (!api.caller()) {
    showLogin();
    return;
  }
  const { name, rest, params } = route();
  const view = views[name] || showHome;
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === name));
  if (!context.household) {
    screen(h('p', {}, 'No household is visible to ' + context.caller.user + '.'));
    return;
  }
  try {
    await view(rest, params);
  } catch (e) {
    failed(e);
  }
}

document.getElementById('household').addEventListener('change', (event) => {
  context.household = event.target.value;
  sessionStorage.setItem('homegrid.household', context.household);
  render();
});
document.getElementById('logout').addEventListener('click', () => api.logout());
api.whenLoggedOut((reason) => showLogin(reason));
window.addEventListener('hashchange', () => { if (context.caller) { render(); } });
start().catch((e) => { notice(e.message); });
