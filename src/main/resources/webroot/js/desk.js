// What the agent's desk needs beyond api.js: a feed the page can talk back on, a POST that carries
// an idempotency key, controls that stay disabled while their request runs, and re-rendering that
// keeps what the agent is typing. (Candidates for api.js: api() could take extra headers, feed()
// could return a send().)
import { ApiError, session, fill } from './api.js';

export const $ = (id) => document.getElementById(id);

/**
 * A key for one form's request, sent as Idempotency-Key. Made from crypto.getRandomValues, which
 * works on plain http too (crypto.randomUUID needs a secure context).
 */
export function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * POSTs JSON with an Idempotency-Key: the same key sent again (a retry after an answer that never
 * arrived) gets the first request's result instead of doing it twice. Fails like api() does.
 */
export async function postOnce(path, body, key) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key };
  const current = session();
  if (current) headers.Authorization = 'Bearer ' + current.token;
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'unreachable', 'Switchboard cannot be reached; check the network and try again.');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null; // not JSON (a proxy's error page): the status says enough
  }
  if (!response.ok) {
    if (response.status === 401) location.assign('/?expired=1');
    const problem = json || {};
    throw new ApiError(response.status, problem.code || 'error', problem.message || response.statusText, problem);
  }
  return { status: response.status, body: json };
}

/**
 * Runs a form's submit action with every button of the form disabled, so a double click or a
 * second Enter cannot send it again while the first request runs.
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    busy(form.querySelectorAll('button'), action);
  });
  return form;
}

/** Runs action with the controls disabled (and marked busy) until it settles; a second call meanwhile does nothing. */
export async function busy(controls, action) {
  const list = Array.from(controls.length === undefined ? [controls] : controls);
  if (list.some((c) => c.dataset.busy)) return undefined;
  for (const c of list) {
    c.dataset.busy = 'yes';
    c.disabled = true;
    c.setAttribute('aria-busy', 'true');
    c.form?.setAttribute('data-busy', 'yes');
  }
  try {
    return await action();
  } finally {
    for (const c of list) {
      delete c.dataset.busy;
      c.disabled = false;
      c.removeAttribute('aria-busy');
      c.form?.removeAttribute('data-busy');
    }
  }
}

/** A button whose click runs action while the button is disabled. */
export function actionButton(attributes, label, action) {
  const button = document.createElement('button');
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) button.setAttribute(name, value === true ? '' : value);
  }
  if (!button.hasAttribute('type')) button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', () => busy(button, action));
  return button;
}

/**
 * Replaces a container's content with fresh content, keeping every form (by id) the agent has
 * typed in — and on a live update (keepFocused) the one they are in — and the focus: an update
 * never throws away what is being typed. {done}: the form whose request just succeeded, drawn
 * afresh.
 */
export function refill(container, children, { keepFocused = false, done = null } = {}) {
  const kept = new Map();
  container.querySelectorAll('form[id]').forEach((form) => {
    if (form !== done && (edited(form) || (keepFocused && form.contains(document.activeElement)))) kept.set(form.id, form);
  });
  const focused = container.contains(document.activeElement) ? document.activeElement : null;
  fill(container, children);
  for (const [id, form] of kept) {
    const fresh = container.querySelector('#' + CSS.escape(id));
    if (fresh) fresh.replaceWith(form);
  }
  if (focused && focused !== document.activeElement) {
    const again = container.contains(focused) ? focused : (focused.id && document.getElementById(focused.id));
    if (again) again.focus();
  }
}

/** Whether any field of the form differs from what it was drawn with. */
export function edited(form) {
  return Array.from(form.elements).some((field) => {
    if (field.type === 'checkbox' || field.type === 'radio') return field.checked !== field.defaultChecked;
    if (field.tagName === 'SELECT') {
      const drawn = Array.from(field.options).findIndex((o) => o.defaultSelected);
      return field.selectedIndex !== Math.max(drawn, 0);
    }
    return 'defaultValue' in field && field.tagName !== 'BUTTON' && field.value !== field.defaultValue;
  });
}

/**
 * The agent's socket: like feed() in api.js, and the page can send on it. onOpen runs on every
 * (re)connect, so the page can say again what it watches.
 */
export function deskFeed(path, { onMessage, onState = () => {}, onOpen = () => {} }) {
  let delay = 500;
  let socket;
  const open = () => {
    const url = new URL(path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', session().token);
    socket = new WebSocket(url);
    socket.onopen = () => { delay = 500; onState('live'); onOpen(); };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    socket.onclose = () => {
      onState('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  };
  open();
  return {
    send(message) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
  };
}
