// The dashboard's only way to the backend: the public API, with the bearer token from log-in.
const base = document.querySelector('meta[name="homegrid-base"]').content;
const KEY = 'homegrid.session';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.reason ? (body.field ? body.field + ': ' : '') + body.reason : 'HTTP ' + status);
    this.status = status;
    this.body = body;
  }
}

let session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
let onLoggedOut = () => {};

export function url(path) {
  return base + path.replace(/^\//, '');
}

/** What the token says about its holder: user, role, household (residents and household admins). */
export function caller() {
  if (!session || Date.now() >= session.expires) {
    return null;
  }
  const payload = session.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const claims = JSON.parse(atob(payload));
  return { user: claims.sub, role: claims.role, household: claims.household || null };
}

export function token() {
  return session ? session.token : null;
}

export function whenLoggedOut(callback) {
  onLoggedOut = callback;
}

export async function login(username, password) {
  const answer = await fetch(url('api/v1/auth/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await answer.json().catch(() => null);
  if (!answer.ok) {
    throw new ApiError(answer.status, body);
  }
  session = { token: body.access_token, expires: Date.now() + body.expires_in * 1000 };
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

const ENDED = 'The session ended; log in again.';

export function logout(reason) {
  session = null;
  sessionStorage.removeItem(KEY);
  onLoggedOut(reason || 'Logged out.');
}

/** JSON in, JSON out; an answer other than 2xx is thrown as an ApiError with the API's reason. */
export async function call(method, path, body) {
  if (!caller()) {
    logout(ENDED);
    throw new ApiError(401, { reason: ENDED });
  }
  const headers = { Authorization: 'Bearer ' + session.token, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const answer = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (answer.status === 401) {
    logout(ENDED);
  }
  const text = await answer.text();
  const json = text ? JSON.parse(text) : null;
  if (!answer.ok) {
    throw new ApiError(answer.status, json);
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const del = (path) => call('DELETE', path);

/** Every page of a paged list ("next"), joined. */
export async function all(path, field) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(path + (path.includes('?') ? '&' : '?') + 'limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...(page[field] || []));
    cursor = page.next || null;
  } while (cursor);
  return items;
}

export const gatewaysOf = (household) => all('api/v1/households/' + household + '/gateways', 'gateways');

/** A gateway's devices; none for one registered but not heard from yet (the API's 404). */
export async function devicesOf(gateway) {
  try {
    return await all('api/v1/gateways/' + gateway + '/devices', 'devices');
  } catch (e) {
    if (e.status === 404) {
      return [];
    }
    throw e;
  }
}

/** Every device of the household's gateways. */
export async function householdDevices(household) {
  const devices = [];
  for (const gateway of await gatewaysOf(household)) {
    devices.push(...await devicesOf(gateway.gateway));
  }
  return devices;
}
