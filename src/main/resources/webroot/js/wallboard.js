// The supervisor wallboard: one tile per queue, kept live by the /api/queues/live feed (a
// snapshot, then every delta); waits and times in state tick locally between deltas. Breach
// alerts appear as they happen; abandoned calls and the intraday chart sit below.
import { api, feed, startPage, el, fill, explain, duration, percent, when } from './api.js';

startPage('Wallboard');
const $ = (id) => document.getElementById(id);
const queues = new Map(); // name -> { data, at }
const alerts = new Map(); // uniqueid -> breach message
let abandoned = [];

const STATES = [['ready', 'Ready'], ['ringing', 'Ringing'], ['onCall', 'On call'], ['wrapUp', 'Wrap-up'],
  ['paused', 'Paused'], ['unavailable', 'Unavailable']];

function slClass(q) {
  if (q.serviceLevel === null || q.serviceLevel === undefined) return 'sl-none';
  if (q.serviceLevel >= q.targetPercent) return 'sl-good';
  return q.serviceLevel >= q.targetPercent - 10 ? 'sl-warn' : 'sl-bad';
}

function since(entry) {
  return (Date.now() - entry.at) / 1000;
}

function tile(name) {
  const entry = queues.get(name);
  const q = entry.data;
  const ticking = since(entry);
  const longest = q.waiting > 0 ? q.longestWaitSeconds + ticking : 0;
  return el('section', { class: 'tile ' + slClass(q) + (q.breached > 0 ? ' breached' : ''), id: 'tile-' + name, 'data-queue': name },
    el('h2', {}, name),
    el('div', { class: 'figures' },
      figure('Waiting', q.waiting, 'waiting'),
      figure('Longest wait', duration(longest), 'longest', longest >= q.targetSeconds ? 'late' : ''),
      figure('Service level', percent(q.serviceLevel), 'sl', slClass(q)),
      figure('Target', q.targetPercent + ' % in ' + q.targetSeconds + ' s', 'target'),
      figure('Answered', (q.answered ?? 0) + ' / ' + (q.offered ?? 0), 'answered'),
      figure('ASA', duration(q.asaSeconds), 'asa'),
      figure('Abandoned', percent(q.abandonRate), 'abandon-rate')),
    el('div', { class: 'agents-by-state' }, STATES.map(([key, label]) =>
      el('span', { class: 'agent-count ' + key }, el('b', {}, q.agents[key] ?? 0), ' ' + label))),
    el('table', { class: 'agent-list' }, (q.agentList || []).map((a) => el('tr', { class: a.state },
      el('td', {}, a.name), el('td', {}, a.state.replace('_', ' ')),
      el('td', {}, duration(a.secondsInState + ticking)), el('td', {}, a.pausedReason || '')))));
}

function figure(label, value, key, extra = '') {
  return el('div', { class: 'figure ' + extra, 'data-figure': key }, el('span', { class: 'value' }, value),
    el('span', { class: 'label' }, label));
}

function render() {
  fill($('tiles'), [...queues.keys()].sort().map(tile));
  fill($('alerts'), [...alerts.values()].map((b) => el('div', { class: 'alert' },
    'Over target in ' + b.queue + ': caller ' + (b.callerNumber || 'unknown') + ' waiting '
    + duration(b.waitSeconds + (Date.now() - b.seen) / 1000) + ' (target ' + b.targetSeconds + ' s)')));
}

function onMessage(message) {
  const now = Date.now();
  switch (message.type) {
    case 'snapshot':
      queues.clear();
      message.queues.forEach((q) => queues.set(q.name, { data: q, at: now }));
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
      if (message.state === 'raised') alerts.set(message.uniqueid, { ...message, seen: now });
      else alerts.delete(message.uniqueid);
      break;
    case 'abandoned':
      onAbandoned(message);
      break;
    default:
      break;
  }
  render();
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
  const shown = el('table', { id: 'abandoned-list' },
    el('tr', {}, el('th', {}, 'When'), el('th', {}, 'Queue'), el('th', {}, 'Caller'), el('th', {}, 'Waited')),
    abandoned.map((a) => el('tr', {}, el('td', {}, when(a.at, { timeStyle: 'short', timeZone: abandonedDay.timeZone })),
      el('td', {}, a.queue), el('td', {}, a.callerNumber || 'withheld'), el('td', {}, duration(a.waitSeconds)))));
  fill($('abandoned'), abandoned.length === 0 ? el('p', { class: 'muted' }, 'None today.') : [
    el('p', { class: 'muted', id: 'abandoned-total' }, abandonedDay.total > abandoned.length
      ? 'The newest ' + abandoned.length + ' of ' + abandonedDay.total + ' today' : abandonedDay.total + ' today'),
    shown]);
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
    root.append(svg('rect', { x: x + 2, y: height - bottom - h, width: Math.max(step - 4, 1), height: h, class: 'bar' },
    ));
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
  feed('/api/queues/live', onMessage, (state) => {
    $('wall-status').textContent = state === 'live' ? 'Live' : 'Reconnecting…';
    $('wall-status').className = state === 'live' ? 'live' : 'message';
  });
  setInterval(render, 1000);
  setInterval(loadChart, 60000);
}

start();
