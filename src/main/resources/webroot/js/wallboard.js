// The supervisor wallboard: one tile per queue, kept live by the /api/queues/live feed (a
// snapshot, then every delta, and a heartbeat every second); waits and times in state tick locally
// between deltas. Breach alerts appear as they happen; who is waiting, abandoned calls and the
// intraday chart sit beside and below. TV mode (the button, or ?tv=1 for a kiosk browser) fits the
// whole board on one screen. When the feed falls silent the board greys out, says how old its data
// is and stops every timer, so old data never passes for live.
import { api, feed, startPage, el, fill, explain, duration, percent, when } from './api.js';
import { offerPasswordChange } from './password.js';

startPage('Wallboard');
offerPasswordChange();
const $ = (id) => document.getElementById(id);
const queues = new Map(); // name -> { data, at }
const alerts = new Map(); // uniqueid -> breach message
let stateLimits = {}; // seconds in a state after which an agent is flagged (from the snapshot)
let abandoned = [];

const STATES = [['ready', 'Ready'], ['ringing', 'Ringing'], ['onCall', 'On call'], ['wrapUp', 'Wrap-up'],
  ['paused', 'Paused'], ['unavailable', 'Unavailable']];
const CAMEL = { ready: 'ready', ringing: 'ringing', on_call: 'onCall', wrap_up: 'wrapUp', paused: 'paused', unavailable: 'unavailable' };
/** Which agents a supervisor looks at first: the exceptions. */
const STATE_ORDER = ['ringing', 'paused', 'wrap_up', 'on_call', 'ready', 'unavailable'];
/** Shape and words beside the colour, for colour-blind viewers and greyscale screens. */
const SL_SHOWN = { 'sl-good': ['✓', 'on target'], 'sl-warn': ['▲', 'near target'], 'sl-bad': ['✖', 'below target'],
  'sl-none': ['–', 'no calls yet'] };

// --- is the board live? ------------------------------------------------------------------------

/** The server beats every second: three missed beats and the data is no longer live. */
const STALE_AFTER_MS = 3000;
/** A socket that stays open but silent this long is replaced (a half-dead connection). */
const RECONNECT_AFTER_MS = 15000;
const link = { connected: false, lastHeard: 0, asOf: null, stale: false, renewedAt: 0 };
let wallFeed = null;

const silentFor = () => Date.now() - link.lastHeard;
const isStale = () => link.lastHeard > 0 && (!link.connected || silentFor() > STALE_AFTER_MS);

/** The board's clock: the wall clock while live; stopped at the last word heard while not. */
function boardNow() {
  return link.stale ? link.lastHeard : Date.now();
}

function follow() {
  wallFeed = feed('/api/queues/live', onMessage, (state) => {
    link.connected = state === 'live';
    showLink();
  });
}

function watchLink() {
  const now = Date.now();
  if (link.connected && link.lastHeard > 0 && silentFor() > RECONNECT_AFTER_MS && now - link.renewedAt > RECONNECT_AFTER_MS) {
    link.renewedAt = now;
    link.connected = false;
    wallFeed.close();
    follow();
  }
  showLink();
}

function showLink() {
  const stale = isStale();
  if (stale !== link.stale) {
    link.stale = stale;
    document.body.classList.toggle('stale', stale);
    renderLive();
  }
  let status = 'Connecting…';
  if (link.lastHeard > 0) status = !link.connected ? 'Reconnecting…' : stale ? 'Not live' : 'Live';
  const node = $('wall-status');
  if (node.textContent !== status) { // a status region: say it only when it changes
    node.textContent = status;
    node.className = status === 'Live' ? 'live' : '';
  }
  $('wall-age').textContent = link.lastHeard === 0 ? ''
    : stale ? 'data ' + Math.floor(silentFor() / 1000) + ' s old — times stopped until the feed is back'
      : 'as of ' + when(link.asOf, { timeStyle: 'medium' });
}

// --- TV mode -------------------------------------------------------------------------------------

const kiosk = new URLSearchParams(location.search).get('tv') === '1';
let tv = false;

function setTv(on) {
  tv = on;
  document.body.classList.toggle('tv', on);
  document.body.classList.toggle('kiosk', on && kiosk);
  $('tv-button').textContent = on ? 'Leave TV mode' : 'TV mode';
  renderAlerts();
  renderLive();
  renderAbandoned();
}

async function toggleTv() {
  if (!tv) {
    setTv(true);
    try {
      await document.documentElement.requestFullscreen();
    } catch (e) {
      // no full screen here (refused, or not supported): the TV layout still fits the window
    }
  } else {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    setTv(false);
  }
}

/**
 * In TV mode a list gets the room its box has: rows that do not fit give way to "+N more" (the
 * exceptions come first, so they are the ones kept).
 */
function fitRows(box, rows, more, noun) {
  more.hidden = true;
  if (!tv || rows.length === 0) return;
  const overflowing = () => box.scrollHeight > box.clientHeight + 1;
  if (!overflowing()) return;
  more.hidden = false;
  const label = more.querySelector('td') || more;
  let shown = rows.length;
  const hide = (n) => {
    for (let i = 0; i < n && shown > 0; i++) rows[--shown].hidden = true;
    label.textContent = shown === 0 ? rows.length + ' ' + noun + ' (counts above)' : '+' + (rows.length - shown) + ' more';
  };
  // one measured guess, then row by row
  const rowHeight = rows[0].getBoundingClientRect().height || 1;
  hide(Math.max(1, Math.ceil((box.scrollHeight - box.clientHeight) / rowHeight)));
  while (shown > 0 && overflowing()) hide(1);
}

// --- queue tiles -------------------------------------------------------------------------------

function slClass(q) {
  if (q.serviceLevel === null || q.serviceLevel === undefined) return 'sl-none';
  if (q.serviceLevel >= q.targetPercent) return 'sl-good';
  return q.serviceLevel >= q.targetPercent - 10 ? 'sl-warn' : 'sl-bad';
}

function ticking(entry) {
  return Math.max(0, (boardNow() - entry.at) / 1000);
}

function limitOf(agent) {
  const limit = stateLimits[CAMEL[agent.state]];
  return limit > 0 ? limit : null;
}

function agentsInOrder(list, elapsed) {
  const over = (a) => limitOf(a) !== null && a.secondsInState + elapsed > limitOf(a);
  return list.map((a) => ({ ...a, over: over(a) })).sort((a, b) => (b.over - a.over)
    || (a.over ? b.secondsInState - a.secondsInState : 0)
    || STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || String(a.name).localeCompare(String(b.name)));
}

function tile(name) {
  const entry = queues.get(name);
  const q = entry.data;
  const elapsed = ticking(entry);
  const longest = q.waiting > 0 ? q.longestWaitSeconds + elapsed : 0;
  const sl = slClass(q);
  const [mark, words] = SL_SHOWN[sl];
  const agents = agentsInOrder(q.agentList || [], elapsed);
  const overLimit = agents.filter((a) => a.over).length;
  const rows = agents.map((a) => el('tr', { class: a.state + (a.over ? ' over-limit' : ''), 'data-agent': a.name },
    el('td', {}, a.name), el('td', {}, a.state.replace('_', ' ')),
    el('td', { class: 'time' }, duration(a.secondsInState + elapsed)), el('td', {}, a.pausedReason || ''),
    el('td', { class: 'limit' }, a.over ? '⚠ over ' + duration(limitOf(a)) : '')));
  const more = el('tr', { class: 'more', hidden: true }, el('td', { colspan: 5 }));
  const box = el('div', { class: 'agents' }, el('table', { class: 'agent-list' }, rows, more));
  const node = el('section', { class: 'tile ' + sl + (q.breached > 0 ? ' breached' : ''), id: 'tile-' + name, 'data-queue': name },
    el('h2', {}, name),
    el('div', { class: 'figures major' },
      figure('Waiting', q.waiting, 'waiting'),
      figure('Longest wait', duration(longest), 'longest', longest >= q.targetSeconds ? 'late' : ''),
      figure('Service level', percent(q.serviceLevel), 'sl', sl,
        el('span', { class: 'sl-state' }, el('span', { 'aria-hidden': 'true' }, mark), ' ' + words))),
    el('div', { class: 'figures minor' },
      figure('Target', q.targetPercent + ' % in ' + q.targetSeconds + ' s', 'target'),
      figure('Answered', (q.answered ?? 0) + ' / ' + (q.offered ?? 0), 'answered'),
      figure('ASA', duration(q.asaSeconds), 'asa'),
      figure('Abandoned', percent(q.abandonRate), 'abandon-rate')),
    el('div', { class: 'agents-by-state' }, STATES.map(([key, label]) =>
      el('span', { class: 'agent-count ' + key }, el('b', {}, q.agents[key] ?? 0), ' ' + label)),
      overLimit > 0 ? el('span', { class: 'agent-count over-limit' }, '⚠ ', el('b', {}, overLimit), ' over time limit') : null),
    box);
  node.fit = () => fitRows(box, rows, more, 'agents');
  return node;
}

function figure(label, value, key, extra = '', ...more) {
  return el('div', { class: 'figure ' + extra, 'data-figure': key }, el('span', { class: 'value' }, value),
    el('span', { class: 'label' }, label), ...more);
}

/** Columns and rows of tiles in TV mode: up to three across, as square as the count allows. */
function arrangeTiles(count) {
  const columns = count <= 3 ? Math.max(count, 1) : count === 4 ? 2 : count <= 9 ? 3 : 4;
  const rows = Math.max(1, Math.ceil(count / columns));
  const tiles = $('tiles');
  tiles.style.setProperty('--columns', columns);
  tiles.style.setProperty('--rows', rows);
  document.body.dataset.size = rows > 1 ? 'many' : 'few'; // many: the chart gives way in TV mode
}

// --- who is waiting now --------------------------------------------------------------------------

function waitingNow() {
  const callers = [];
  for (const [name, entry] of queues) {
    const elapsed = ticking(entry);
    (entry.data.callers || []).forEach((c) => callers.push({ ...c, queue: name, wait: c.waitSeconds + elapsed }));
  }
  return callers.sort((a, b) => b.wait - a.wait);
}

function renderWaiting() {
  const callers = waitingNow();
  if (callers.length === 0) {
    fill($('waiting'), el('p', { class: 'muted', id: 'nobody-waiting' }, 'Nobody is waiting.'));
    return;
  }
  const rows = callers.map((c) => el('tr', { class: c.breached ? 'breached' : '', 'data-uniqueid': c.uniqueid },
    el('td', { class: 'queue' }, c.queue), el('td', { class: 'position' }, c.position),
    el('td', { class: 'wait' }, duration(c.wait)), el('td', { class: 'caller' }, c.callerNumber || 'withheld'),
    el('td', { class: 'account' }, c.account || '–')));
  const more = el('tr', { class: 'more', hidden: true }, el('td', { colspan: 5 }));
  fill($('waiting'), el('table', { id: 'waiting-list' },
    el('tr', {}, el('th', {}, 'Queue'), el('th', {}, 'Pos.'), el('th', {}, 'Wait'), el('th', {}, 'Caller'),
      el('th', {}, 'Account')),
    rows, more));
  fitRows($('waiting'), rows, more, 'callers');
}

// --- breach alerts: changed one by one, only when the set changes ----------------------------------

function alertText(b) {
  return 'Over target in ' + b.queue + ': caller ' + (b.callerNumber || 'withheld')
    + (b.account ? ' (account ' + b.account + ')' : '') + ' waiting past the ' + b.targetSeconds + ' s target';
}

/**
 * Removes the alerts that cleared and adds the new ones; the others stay the same nodes, so a
 * screen reader (the region is aria-live) announces each alert once and nothing flickers.
 */
function renderAlerts() {
  const box = $('alerts');
  const shown = new Map([...box.children].map((node) => [node.dataset.uniqueid, node]));
  shown.forEach((node, id) => { if (!alerts.has(id)) node.remove(); });
  alerts.forEach((b, id) => {
    if (!shown.has(id)) box.append(el('div', { class: 'alert', 'data-uniqueid': id }, alertText(b)));
  });
  const hidden = tv ? alerts.size - 2 : 0;
  const more = hidden > 0 ? '+' + hidden + ' more ' + (hidden === 1 ? 'caller' : 'callers') + ' over target' : '';
  if ($('alerts-more').textContent !== more) $('alerts-more').textContent = more;
}

/** After a (re)connect the snapshot says who is past the target now; alerts missed or cleared meanwhile follow it. */
function alertsFromSnapshot(list) {
  alerts.clear();
  list.forEach((q) => (q.callers || []).filter((c) => c.breached).forEach((c) => alerts.set(c.uniqueid,
    { queue: q.name, uniqueid: c.uniqueid, callerNumber: c.callerNumber, account: c.account, targetSeconds: q.targetSeconds })));
}

// --- the feed ----------------------------------------------------------------------------------

/** Tiles and the waiting list: their waits and times in state tick, so they are drawn every second while live. */
function renderLive() {
  const names = [...queues.keys()].sort();
  arrangeTiles(names.length);
  const tiles = names.map(tile);
  fill($('tiles'), tiles);
  tiles.forEach((t) => t.fit());
  renderWaiting();
}

function onMessage(message) {
  const now = Date.now();
  link.lastHeard = now;
  switch (message.type) {
    case 'heartbeat':
      link.asOf = message.at;
      showLink();
      return;
    case 'snapshot':
      link.asOf = message.at;
      stateLimits = message.stateLimits || {};
      queues.clear();
      message.queues.forEach((q) => queues.set(q.name, { data: q, at: now }));
      alertsFromSnapshot(message.queues);
      renderAlerts();
      chartQueues();
      loadAbandoned();
      break;
    case 'queue': {
      const current = queues.get(message.queue.name);
      queues.set(message.queue.name, { data: { ...(current ? current.data : {}), ...message.queue }, at: now });
      break;
    }
    case 'figures': {
      const current = queues.get(message.queue);
      if (current) current.data = { ...current.data, ...message.figures };
      refreshSoon();
      break;
    }
    case 'breach':
      if (message.state === 'raised') alerts.set(message.uniqueid, message);
      else alerts.delete(message.uniqueid);
      renderAlerts();
      break;
    case 'abandoned':
      onAbandoned(message);
      break;
    default:
      break;
  }
  showLink();
  renderLive();
}

// --- abandoned calls and the intraday chart ---------------------------------------------------

const SHOWN = 50;
let abandonedDay = { day: null, timeZone: undefined, total: 0 };

/**
 * Today's abandoned calls come from the server: "today" is the call centre's day in its time
 * zone, whatever the browser's clock says, and the newest are listed however busy the day was.
 * Reloaded whenever the live feed (re)connects, so calls missed while it was away show up.
 */
let heardWhileLoading = null;
const sameCall = (a, b) => a.linkedid === b.linkedid && a.queue === b.queue;

async function loadAbandoned() {
  heardWhileLoading = [];
  try {
    const today = await api('/api/calls/abandoned?limit=' + SHOWN);
    // a call heard live may not be stored yet when the list was read: keep it
    const notStoredYet = heardWhileLoading.filter((h) => !today.calls.some((c) => sameCall(c, h)));
    abandonedDay = { day: today.day, timeZone: today.timeZone, total: today.total + notStoredYet.length };
    abandoned = [...notStoredYet, ...today.calls].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, SHOWN);
    heardWhileLoading = null;
    renderAbandoned();
  } catch (error) {
    heardWhileLoading = null;
    fill($('abandoned'), el('p', { class: 'message' }, explain(error)));
  }
}

function dayOf(iso) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: abandonedDay.timeZone }).format(new Date(iso));
}

function onAbandoned(message) {
  const call = { at: message.at, queue: message.queue, callerNumber: message.callerNumber,
    waitSeconds: message.waitSeconds, linkedid: message.linkedid };
  if (heardWhileLoading !== null) {
    heardWhileLoading.push(call);
    return;
  }
  if (abandonedDay.day !== null && dayOf(message.at) !== abandonedDay.day) {
    loadAbandoned(); // a new day in the call centre: start the list again
    return;
  }
  abandoned.unshift(call);
  abandoned = abandoned.slice(0, SHOWN);
  abandonedDay.total += 1;
  renderAbandoned();
}

function renderAbandoned() {
  if (abandonedDay.day === null) return; // not loaded yet
  const rows = abandoned.map((a) => el('tr', {}, el('td', {}, when(a.at, { timeStyle: 'short', timeZone: abandonedDay.timeZone })),
    el('td', {}, a.queue), el('td', {}, a.callerNumber || 'withheld'), el('td', {}, duration(a.waitSeconds))));
  const more = el('tr', { class: 'more', hidden: true }, el('td', { colspan: 4 }));
  const shown = el('table', { id: 'abandoned-list' },
    el('tr', {}, el('th', {}, 'When'), el('th', {}, 'Queue'), el('th', {}, 'Caller'), el('th', {}, 'Waited')), rows, more);
  fill($('abandoned'), abandoned.length === 0 ? el('p', { class: 'muted' }, 'None today.') : [
    el('p', { class: 'muted', id: 'abandoned-total' }, abandonedDay.total > abandoned.length
      ? 'The newest ' + abandoned.length + ' of ' + abandonedDay.total + ' today' : abandonedDay.total + ' today'),
    shown]);
  fitRows($('abandoned'), rows, more, 'calls');
}

/** The chart's queue: the one chosen, else the busiest today. */
function chartQueues() {
  const select = $('chart-queue');
  const busiest = [...queues.values()].map((e) => e.data).sort((a, b) => (b.offered ?? 0) - (a.offered ?? 0))[0];
  const chosen = select.value || (busiest ? busiest.name : '');
  fill(select, [...queues.keys()].sort().map((name) => el('option', { value: name, selected: name === chosen }, name)));
  loadChart();
}

async function loadChart() {
  const queue = $('chart-queue').value;
  if (!queue) return;
  try {
    const day = await api('/api/reports/intervals?queue=' + encodeURIComponent(queue));
    fill($('chart'), chart(day));
  } catch (error) {
    fill($('chart'), el('p', { class: 'message' }, explain(error)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Bars: calls offered per 15 minutes; line: service level in each interval; dashed: the target. */
function chart(day) {
  const rows = day.intervals.filter((r) => r.offered > 0);
  const first = rows.length ? day.intervals.indexOf(rows[0]) : 0;
  const last = rows.length ? day.intervals.indexOf(rows[rows.length - 1]) : 0;
  const shown = day.intervals.slice(Math.max(0, first - 2), Math.min(day.intervals.length, last + 3));
  const width = 900, height = 240, left = 40, right = 40, top = 10, bottom = 30;
  const step = (width - left - right) / Math.max(shown.length, 1);
  const maxCalls = Math.max(1, ...shown.map((r) => r.offered));
  const y = (v) => top + (height - top - bottom) * (1 - v);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': 'Calls and service level by 15 minutes for ' + day.queue });
  root.append(svg('line', { x1: left, x2: width - right, y1: y(day.targetPercent / 100), y2: y(day.targetPercent / 100), class: 'target' }));
  root.append(svg('text', { x: width - right + 4, y: y(day.targetPercent / 100) + 4, class: 'axis' }, day.targetPercent + '%'));
  let path = '';
  shown.forEach((r, i) => {
    const x = left + i * step;
    const h = (height - top - bottom) * (r.offered / maxCalls);
    root.append(svg('rect', { x: x + 2, y: height - bottom - h, width: Math.max(step - 4, 1), height: h, class: 'bar' }));
    if (r.serviceLevel !== null && r.serviceLevel !== undefined) {
      path += (path ? ' L ' : 'M ') + (x + step / 2) + ' ' + y(r.serviceLevel / 100);
      root.append(svg('circle', { cx: x + step / 2, cy: y(r.serviceLevel / 100), r: 5, class: 'sl-point' }));
    }
    if (i % 4 === 0) {
      root.append(svg('text', { x, y: height - 8, class: 'axis' }, when(r.from, { hour: '2-digit', minute: '2-digit' })));
    }
  });
  if (path) root.append(svg('path', { d: path, class: 'sl-line' }));
  root.append(svg('text', { x: 4, y: top + 10, class: 'axis' }, maxCalls + ' calls'));
  return shown.length === 0 ? el('p', { class: 'muted' }, 'No calls yet today.') : root;
}

let refreshTimer = null;
function refreshSoon() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; loadChart(); }, 2000);
}

// --- start: ask first, so a refusal is explained rather than a socket that will not open -------

async function start() {
  try {
    await api('/api/queues');
  } catch (error) {
    fill(document.querySelector('main'), el('p', { class: 'refused card', id: 'refused' },
      error.status === 403 ? 'The wallboard is for supervisors. ' + explain(error) : explain(error)));
    return;
  }
  $('chart-queue').addEventListener('change', loadChart);
  $('tv-button').addEventListener('click', toggleTv);
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && tv && !kiosk) setTv(false); // left full screen with Esc
  });
  window.addEventListener('resize', () => { renderLive(); renderAbandoned(); renderAlerts(); });
  setTv(kiosk);
  follow();
  setInterval(() => { if (!link.stale) renderLive(); }, 1000);
  setInterval(watchLink, 500);
  setInterval(loadChart, 60000);
}

start();
