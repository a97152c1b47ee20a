// Talking to Switchboard: the session token, JSON requests, WebSockets, and the page header.
// The token lives in sessionStorage and travels as a Bearer header (never a cookie), so another
// site cannot make the browser use it.

const TOKEN = 'switchboard.token';
const USER = 'switchboard.user';

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export function session() {
  const token = sessionStorage.getItem(TOKEN);
  const user = JSON.parse(sessionStorage.getItem(USER) || 'null');
  return token && user ? { token, ...user } : null;
}

export async function login(username, password) {
  const body = await api('/api/login', { method: 'POST', body: { username, password }, anonymous: true });
  sessionStorage.setItem(TOKEN, body.token);
  sessionStorage.setItem(USER, JSON.stringify({ username: body.username, role: body.role }));
  return body;
}

export async function logout() {
  try {
    await api('/api/logout', { method: 'POST' });
  } finally {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
    location.assign('/');
  }
}

/** A JSON request; resolves to the parsed body (with .etag when there is one), rejects with ApiError. */
export async function api(path, { method = 'GET', body, ifMatch, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  const current = session();
  if (!anonymous && current) headers.Authorization = 'Bearer ' + current.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = '"' + ifMatch + '"';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'unreachable', 'Switchboard cannot be reached; check the network and try again.');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && !anonymous) {
      sessionStorage.removeItem(TOKEN);
      location.assign('/?expired=1');
    }
    const problem = json || {};
    throw new ApiError(response.status, problem.code || 'error', problem.message || response.statusText, problem);
  }
  return json;
}

/**
 * A WebSocket to an /api feed that reconnects with a growing pause; each message is parsed and
 * given to onMessage. onState hears 'live' and 'reconnecting'.
 */
export function feed(path, onMessage, onState = () => {}) {
  let delay = 500;
  let closed = false;
  let socket;
  const open = () => {
    const url = new URL(path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', session().token);
    socket = new WebSocket(url);
    socket.onopen = () => { delay = 500; onState('live'); };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    socket.onclose = () => {
      if (closed) return;
      onState('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  };
  open();
  return { close() { closed = true; socket.close(); } };
}

/** The home page of each role. */
export const HOME = { agent: '/agent.html', supervisor: '/wallboard.html', dispatcher: '/dispatch.html', admin: '/admin.html' };

const PAGES = [
  ['agent.html', 'Agent desktop', ['agent']],
  ['wallboard.html', 'Wallboard', ['supervisor', 'admin']],
  ['dispatch.html', 'Dispatch', ['dispatcher', 'supervisor', 'admin']],
  ['admin.html', 'Admin', ['admin']],
];

/**
 * Starts a page: back to the login page without a session; the header with the user, the pages
 * their role may open and a log-out button.
 */
export function startPage(title) {
  const current = session();
  if (!current) {
    location.assign('/?next=' + encodeURIComponent(location.pathname));
    throw new Error('not logged in');
  }
  const nav = el('nav', {}, ...PAGES.filter(([, , roles]) => roles.includes(current.role))
    .map(([href, label]) => el('a', { href: '/' + href, class: location.pathname.endsWith(href) ? 'here' : '' }, label)));
  const header = el('header', {},
    el('span', { class: 'brand' }, 'Switchboard'), el('h1', {}, title), nav,
    el('span', { class: 'who', id: 'who' }, current.username + ' · ' + current.role),
    el('button', { id: 'logout', class: 'quiet', onclick: () => logout() }, 'Log out'));
  document.body.prepend(header);
  return current;
}

/** Builds an element; attributes starting with "on" become listeners; text is never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** A message for the user about an ApiError, including the fields it names. */
export function explain(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong: ' + error.message;
  const fields = error.details.fields ? Object.entries(error.details.fields).map(([f, m]) => f + ' ' + m) : [];
  return [error.message, ...fields].join(' — ');
}

/** Shows a message: good news in green, problems in red. */
export function say(node, text, good = false) {
  node.textContent = text;
  node.classList.toggle('said', good);
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60 ? Math.floor(m / 60) + 'h ' + String(m % 60).padStart(2, '0') + 'm'
    : m + ':' + String(s % 60).padStart(2, '0');
}

export function when(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  return iso ? new Intl.DateTimeFormat(undefined, options).format(new Date(iso)) : '–';
}

export function percent(value) {
  return value === null || value === undefined ? '–' : value.toFixed(1) + ' %';
}
