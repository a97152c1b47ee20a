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
    await api('/api/logout', { method: 'POST', renew: false });
  } catch (error) {
    // logged out either way: the token is dropped below
  } finally {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
    location.assign('/');
  }
}

const UNREACHABLE = 'Switchboard cannot be reached; check the network. This clears by itself once it is back.';

/**
 * A JSON request; resolves to the parsed body, rejects with ApiError. When the session has ended
 * (401), the user logs in again in a dialog on this page and the request is sent again, so what
 * they typed is not lost; renew: false turns that off. headers: more headers, such as an
 * Idempotency-Key (see newKey).
 */
export async function api(path, { method = 'GET', body, ifMatch, headers = {}, anonymous = false, renew = true } = {}) {
  const request = { method, body, ifMatch, headers, anonymous };
  const response = await send(path, request);
  if (response.status === 401 && !anonymous && renew) {
    await renewSession();
    return read(await send(path, request));
  }
  return read(response);
}

/**
 * A key for one form's request, sent as Idempotency-Key: the same key sent again (a second click,
 * a retry after an answer that was lost) gets the first request's result instead of doing it
 * twice. Made with crypto.getRandomValues, which works on plain http too (randomUUID does not).
 */
export function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(path, { method, body, ifMatch, headers: more, anonymous }) {
  const headers = { Accept: 'application/json', ...more };
  const current = session();
  if (!anonymous && current) headers.Authorization = 'Bearer ' + current.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = '"' + ifMatch + '"';
  try {
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    connectionBack();
    return response;
  } catch (e) {
    connectionLost();
    throw new ApiError(0, 'unreachable', UNREACHABLE);
  }
}

/** The body as JSON; a body that is not JSON (a proxy's HTML error page) is said in plain words. */
async function read(response) {
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new ApiError(response.status, 'not_json', 'Switchboard\'s server did not answer properly ('
      + response.status + (response.statusText ? ' ' + response.statusText : '') + '); try again in a moment.');
  }
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? json : {};
    throw new ApiError(response.status, problem.code || 'error', problem.message || response.statusText, problem);
  }
  return json;
}

// --- the connection: one banner for the page while Switchboard cannot be reached ------------------

const whenBack = new Set();

/** Calls back once Switchboard answers again after it could not be reached (e.g. to load again what failed). */
export function onceReachable(callback) {
  whenBack.add(callback);
}

function banner() {
  let node = document.getElementById('connection');
  if (!node) {
    node = el('p', { id: 'connection', class: 'connection', role: 'status', hidden: true });
    const header = document.querySelector('body > header');
    if (header) header.after(node); else document.body.prepend(node);
  }
  return node;
}

function connectionLost() {
  const node = banner();
  node.textContent = UNREACHABLE;
  node.hidden = false;
}

/** Clears the banner and every message on the page that said Switchboard could not be reached. */
function connectionBack() {
  const node = document.getElementById('connection');
  if (node && !node.hidden) {
    node.hidden = true;
    node.textContent = '';
  }
  for (const said of document.querySelectorAll('[data-unreachable]')) {
    said.textContent = '';
    delete said.dataset.unreachable;
  }
  const callbacks = [...whenBack];
  whenBack.clear();
  callbacks.forEach((callback) => callback());
}

addEventListener('offline', connectionLost);
addEventListener('online', connectionBack);

// --- a session that ends while the page is open ----------------------------------------------

let renewing = null;

/**
 * Resolves once the user has logged in again in a dialog on this page (every request refused
 * meanwhile waits for the same dialog). The user name is fixed: another user logs out instead.
 */
export function renewSession() {
  if (!renewing) {
    renewing = askForPassword().finally(() => { renewing = null; });
  }
  return renewing;
}

function askForPassword() {
  const user = JSON.parse(sessionStorage.getItem(USER) || 'null');
  if (!user) {
    location.assign('/?expired=1&next=' + encodeURIComponent(location.pathname));
    return new Promise(() => {});
  }
  return new Promise((resolve) => {
    const message = el('p', { class: 'message', id: 'relogin-message', role: 'alert' });
    const password = el('input', { type: 'password', name: 'password', id: 'relogin-password', required: true,
      autocomplete: 'current-password', maxlength: 200 });
    const button = el('button', { type: 'submit', id: 'relogin-button' }, 'Log in');
    const form = el('form', { method: 'dialog' },
      el('h2', { id: 'relogin-title' }, 'Your session has ended'),
      el('p', {}, 'Log in again to carry on: what you typed on this page is kept and sent once you are back.'),
      el('label', {}, 'User name', el('input', { value: user.username, readonly: true, name: 'username',
        autocomplete: 'username', id: 'relogin-username' })),
      el('label', {}, 'Password', password),
      message,
      el('div', { class: 'row' }, button,
        el('button', { type: 'button', class: 'quiet', onclick: () => logout() }, 'Log out')));
    const dialog = el('dialog', { id: 'relogin', 'aria-labelledby': 'relogin-title' }, form);
    // Escape would close the dialog and leave the request waiting for ever
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      message.textContent = '';
      try {
        await login(user.username, password.value);
        dialog.close();
        dialog.remove();
        resolve();
      } catch (error) {
        message.textContent = explain(error);
        password.select();
      } finally {
        button.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    password.focus();
  });
}

/**
 * A WebSocket to an /api feed that reconnects with a growing pause, at once when the network is
 * back; each message is parsed and given to onMessage. onState hears 'live' and 'reconnecting';
 * onOpen runs on every (re)connect, so a page can tell the server again what it follows. The
 * page may send() on it while it is open. Every attempt first asks for a fresh single-use ticket
 * (POST /api/ws-tickets) and offers it as a subprotocol, so neither the session token nor the
 * ticket is in any URL; an ended session shows up there, and the user logs in again in the dialog.
 */
export function feed(path, onMessage, onState = () => {}, onOpen = () => {}) {
  let delay = 500;
  let closed = false;
  let connecting = false;
  let socket;
  let retry;
  const again = () => {
    if (closed) return;
    onState('reconnecting');
    retry = setTimeout(open, delay);
    delay = Math.min(delay * 2, 10000);
  };
  const open = async () => {
    clearTimeout(retry);
    if (closed || connecting) return;
    connecting = true;
    let ticket;
    try {
      ticket = (await api('/api/ws-tickets', { method: 'POST' })).ticket;
    } catch (error) {
      // unreachable or refused: the banner or the dialog says so; try again below
      connecting = false;
      again();
      return;
    }
    connecting = false;
    if (closed) return;
    const url = new URL(path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url, ['switchboard.ticket', 'ticket.' + ticket]);
    socket.onopen = () => { delay = 500; connectionBack(); onState('live'); onOpen(); };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    socket.onclose = again;
  };
  addEventListener('online', () => {
    if (!closed && !connecting && (!socket || socket.readyState === WebSocket.CLOSED)) { delay = 500; open(); }
  });
  open();
  return {
    send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    close() { closed = true; clearTimeout(retry); if (socket) socket.close(); },
  };
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
  const nav = el('nav', { 'aria-label': 'Pages' }, ...PAGES.filter(([, , roles]) => roles.includes(current.role))
    .map(([href, label]) => {
      const here = location.pathname.endsWith(href);
      return el('a', { href: '/' + href, class: here ? 'here' : undefined, 'aria-current': here ? 'page' : undefined }, label);
    }));
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

/**
 * Shows a message: good news in green, problems in red. A message that Switchboard cannot be
 * reached clears itself once it can be.
 */
export function say(node, text, good = false) {
  node.textContent = text;
  node.classList.toggle('said', good);
  if (text.includes(UNREACHABLE)) node.dataset.unreachable = ''; else delete node.dataset.unreachable;
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
