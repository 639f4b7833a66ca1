// What every view shares: building elements (text only, never markup from data), notices, charts.
const charts = new Set();
let cleanups = [];
let generation = 0;

/** h('td', {class: 'num'}, '12 W') — children are nodes or text; attributes starting "on" are listeners. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

export function notice(text) {
  const box = document.getElementById('notice');
  box.textContent = text || '';
  box.hidden = !text;
}

/** Shows an error where it happened, and in the notice bar when there is no place for it. */
export function failed(error, where) {
  if (where) {
    where.textContent = error.message;
  } else {
    notice(error.message);
  }
}

/**
 * Shows a view, stopping what the previous one left running. Answers the view's handle: a view
 * that awaits the API asks {@code alive()} before it touches the page again, since the user may
 * have moved on, and hands {@code onLeave} what to stop when they do.
 */
export function screen(...children) {
  generation += 1;
  const mine = generation;
  for (const cleanup of cleanups) {
    cleanup();
  }
  cleanups = [];
  for (const instance of charts) {
    resized.unobserve(instance.getDom());
    instance.dispose();
  }
  charts.clear();
  notice('');
  document.getElementById('view').replaceChildren(...children);
  const alive = () => mine === generation;
  return {
    alive,
    onLeave(cleanup) {
      if (alive()) {
        cleanups.push(cleanup);
      } else {
        cleanup();
      }
    },
  };
}

/** Charts follow their element's size: the window's, a scroll bar's coming, a phone turned. */
const resized = new ResizeObserver((entries) => entries.forEach((entry) => {
  const instance = echarts.getInstanceByDom(entry.target);
  if (instance) {
    instance.resize();
  }
}));

export function chart(element, option) {
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  // live charts redraw every few seconds: no animation to wait for, nor to pay for
  instance.setOption({ animation: false, ...option });
  charts.add(instance);
  resized.observe(element);
  return instance;
}

export const watts = (w) => (w === null || w === undefined || Number.isNaN(w) ? '–' : (Math.abs(w) >= 1000 ? (w / 1000).toFixed(2) + ' kW' : Math.round(w) + ' W'));
export const kwh = (wh) => (wh / 1000).toFixed(3) + ' kWh';
export const money = (v) => (v === null || v === undefined ? '–' : v.toFixed(2));
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

/** The date, YYYY-MM-DD, in the household's time zone (the API's days are the household's). */
export function isoDate(date) {
  const zone = (household() || {}).timeZone;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date);
}

/** Minutes east of UTC of the time zone at that instant ("GMT+01:00" → 60). */
function offsetMinutes(zone, epochMs) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(epochMs))
    .find((part) => part.type === 'timeZoneName').value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The instant the household's day YYYY-MM-DD begins, as ISO-8601 UTC (what the API's from and to take). */
export function startOfDay(date) {
  const zone = (household() || {}).timeZone || 'UTC';
  const midnightUtc = Date.parse(date + 'T00:00:00Z');
  let start = midnightUtc - offsetMinutes(zone, midnightUtc) * 60000;
  // once more at the guess: a daylight-saving change between the two instants moves the offset
  start = midnightUtc - offsetMinutes(zone, start) * 60000;
  return new Date(start).toISOString();
}

/** The day after YYYY-MM-DD. */
export function nextDay(date) {
  return new Date(Date.parse(date + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
}

/** A form's fields as an object; empty fields left out. */
export function fields(form) {
  const out = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (String(value).trim() !== '') {
      out[name] = String(value).trim();
    }
  }
  return out;
}

export const list = (text) => (text ? text.split(/[\s,]+/).filter(Boolean) : []);

/** Who is logged in, the households they may see and the one the views show. */
export const context = { caller: null, households: [], household: null };

export function household() {
  return context.households.find((h) => h.id === context.household) || null;
}

export const isOperator = () => context.caller && context.caller.role === 'operator';
export const isAdmin = () => context.caller && (context.caller.role === 'operator' || context.caller.role === 'household-admin');

/** For the few places a library takes markup (ECharts' tooltips). */
export function escape(text) {
  const span = document.createElement('span');
  span.textContent = String(text);
  return span.innerHTML;
}
