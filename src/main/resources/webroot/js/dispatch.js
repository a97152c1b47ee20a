// The dispatcher's day: a timeline of every engineer's working hours and visits, the free time
// left in each region, and each engineer's visits in detail, where a report is recorded. A visit
// is moved by dragging it on the timeline or, without a mouse, with its "Move…" button; both ask
// before moving. The day reloads by itself whenever a case or visit changes anywhere.
import { api, feed, startPage, el, fill, explain, say } from './api.js';
import { offerPasswordChange } from './password.js';

startPage('Dispatch');
offerPasswordChange();
const $ = (id) => document.getElementById(id);
const day = $('day');
const GRID_MINUTES = 30; // slots start on a 30-minute grid (SlotFinder.GRID)
const RELOAD_AFTER_MS = 300; // a burst of changes (a move is a cancel and a booking) reloads once

let plan = null; // the day as last loaded
let loads = 0; // answers to older loads are dropped: the newest request wins
const openReports = new Map(); // visit id → its open report form, kept across reloads

// ---- times in the call centre's zone ----

function parts(iso, zone) {
  const fields = {};
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
    .forEach((p) => { fields[p.type] = p.value; });
  return fields;
}

/** Minutes from the start of the plan's day to the instant, held to [0, 1440]. */
function minuteOfDay(iso) {
  const p = parts(iso, plan.zone);
  const date = p.year + '-' + p.month + '-' + p.day;
  if (date < plan.date) return 0;
  if (date > plan.date) return 24 * 60;
  return Number(p.hour) * 60 + Number(p.minute);
}

function clock(iso, zone = plan.zone) {
  const p = parts(iso, zone);
  return p.hour + ':' + p.minute;
}

function hhmm(minutes) {
  return String(Math.floor(minutes / 60)).padStart(2, '0') + ':' + String(minutes % 60).padStart(2, '0');
}

function dateText(iso, zone = plan.zone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' })
    .format(new Date(iso));
}

function span(from, to) {
  return clock(from) + '–' + clock(to);
}

/** The instant of a local date and time in the zone (the zone's offset found by asking Intl). */
function instantAt(date, minutes, zone) {
  const [y, m, d] = date.split('-').map(Number);
  const wanted = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess).toISOString(), zone);
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    guess = wanted - (shown - guess);
  }
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}

function hours(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0 && m > 0) return m + ' min';
  return h + ' h' + (m ? ' ' + m + ' min' : '');
}

// ---- loading and drawing the day ----

async function load() {
  const mine = ++loads;
  try {
    const loaded = await api('/api/dispatch/visits' + (day.value ? '?date=' + day.value : ''));
    if (mine !== loads) return;
    plan = loaded;
    day.value = plan.date;
    draw();
  } catch (error) {
    if (mine !== loads) return;
    fill($('engineers'), el('p', { class: 'refused card', id: 'refused' }, explain(error)));
  }
}

/** Redraws everything from the plan, keeping open report forms and the focus where they were. */
function draw() {
  const focused = document.activeElement;
  const focusedId = focused && focused.id;
  const booked = new Set(plan.engineers.flatMap((e) => e.visits).filter((v) => v.status === 'booked').map((v) => v.id));
  [...openReports.keys()].filter((id) => !booked.has(id)).forEach((id) => openReports.delete(id));
  drawCapacity();
  drawTimeline();
  fill($('engineers'), plan.engineers.length === 0
    ? el('p', { class: 'muted', id: 'no-engineers' }, 'No engineers are on the rota.')
    : plan.engineers.map(engineerCard));
  if (focused && focused.isConnected && document.activeElement !== focused) focused.focus();
  else if (focusedId && $(focusedId) && document.activeElement !== $(focusedId)) $(focusedId).focus();
}

function drawCapacity() {
  fill($('regions'), plan.regions.map((region) => el('li', { 'data-region': region.code },
    el('strong', {}, region.name), ' ',
    el('span', { class: 'free' }, hours(region.freeMinutes) + ' free'), ' ',
    el('span', { class: 'muted' }, 'of ' + hours(region.workingMinutes) + ' working · '
      + region.engineers + (region.engineers === 1 ? ' engineer' : ' engineers')))));
  $('capacity-note').textContent = 'Working hours less visits and ' + plan.travelBufferMinutes
    + ' minutes of travel before and after each; an engineer who covers two regions counts in both.';
}

/** The hours the timeline spans: at least 08:00–18:00, widened to every band and visit. */
function axis() {
  let from = 8 * 60;
  let to = 18 * 60;
  for (const engineer of plan.engineers) {
    for (const s of [...engineer.working, ...engineer.visits]) {
      from = Math.min(from, minuteOfDay(s.startsAt));
      to = Math.max(to, minuteOfDay(s.endsAt));
    }
  }
  return { from: Math.floor(from / 60) * 60, to: Math.min(24 * 60, Math.ceil(to / 60) * 60) };
}

/** Places a node on the track between two minutes of the day (CSSOM: the page's CSP allows no style attributes). */
function place(node, range, from, to) {
  const width = range.to - range.from;
  node.style.left = ((Math.max(from, range.from) - range.from) / width * 100) + '%';
  node.style.width = ((Math.min(to, range.to) - Math.max(from, range.from)) / width * 100) + '%';
  return node;
}

function drawTimeline() {
  const range = axis();
  const ticks = [];
  for (let m = range.from; m < range.to; m += 60) {
    ticks.push(place(el('span', { class: 'tick' + ((m / 60) % 3 ? ' minor' : '') }, hhmm(m)), range, m, m));
  }
  fill($('timeline'),
    el('div', { class: 'lane axis', 'aria-hidden': 'true' }, el('span', { class: 'lane-name' }), el('div', { class: 'track' }, ticks)),
    plan.engineers.map((engineer) => lane(engineer, range)));
}

function lane(engineer, range) {
  const track = el('div', { class: 'track', 'data-engineer-id': engineer.id,
    'data-from-minute': range.from, 'data-to-minute': range.to });
  for (const w of engineer.working) {
    track.append(place(el('div', { class: 'band', title: 'Working ' + span(w.startsAt, w.endsAt) }), range,
      minuteOfDay(w.startsAt), minuteOfDay(w.endsAt)));
  }
  for (const a of engineer.absences) {
    track.append(place(el('div', { class: 'absence', title: 'Away ' + span(a.startsAt, a.endsAt) + (a.reason ? ': ' + a.reason : '') }),
      range, minuteOfDay(a.startsAt), minuteOfDay(a.endsAt)));
  }
  if (engineer.working.length === 0) track.append(el('span', { class: 'off' }, 'Not working'));
  engineer.visits.forEach((visit) => track.append(block(visit, engineer, range)));
  acceptDrops(track, engineer, range);
  return el('div', { class: 'lane', 'data-lane': engineer.name },
    el('span', { class: 'lane-name' }, engineer.name,
      el('small', {}, engineer.working.length ? hours(engineer.freeMinutes) + ' free' : 'not working')),
    track);
}

function block(visit, engineer, range) {
  const movable = visit.status === 'booked';
  const node = el('div', { class: 'block ' + visit.status + (visit.customerAdvised ? '' : ' not-told'),
    'data-visit': visit.id, draggable: movable ? 'true' : false,
    title: span(visit.startsAt, visit.endsAt) + ' · case #' + visit.caseId + ' ' + visit.description
      + (visit.status === 'completed' ? ' · done' : '') + (visit.customerAdvised ? '' : ' · customer not told') },
  el('span', { class: 'when' }, clock(visit.startsAt)), ' ', visit.description,
  visit.status === 'completed' ? ' ✓' : '', visit.customerAdvised ? '' : ' !');
  place(node, range, minuteOfDay(visit.startsAt), Math.max(minuteOfDay(visit.endsAt), minuteOfDay(visit.startsAt) + 15));
  if (movable) {
    node.addEventListener('dragstart', (event) => {
      const track = node.parentElement.getBoundingClientRect();
      const minutesPerPixel = (range.to - range.from) / track.width;
      dragging = { visit, engineer, grabMinutes: (event.clientX - node.getBoundingClientRect().left) * minutesPerPixel };
      event.dataTransfer.setData('text/plain', String(visit.id));
      event.dataTransfer.effectAllowed = 'move';
    });
    node.addEventListener('dragend', () => { dragging = null; clearMarkers(); });
  }
  return node;
}

// ---- moving a visit: drag and drop ----

let dragging = null; // { visit, engineer, grabMinutes } while a visit is dragged

/** Where on the track a drop at clientX would put the visit's start, on the 30-minute grid. */
function dropMinute(track, range, clientX) {
  const rect = track.getBoundingClientRect();
  const at = range.from + (clientX - rect.left) / rect.width * (range.to - range.from) - dragging.grabMinutes;
  return Math.min(range.to - GRID_MINUTES, Math.max(range.from, Math.round(at / GRID_MINUTES) * GRID_MINUTES));
}

function clearMarkers() {
  document.querySelectorAll('.drop-marker').forEach((m) => m.remove());
  document.querySelectorAll('.track.drop-target').forEach((t) => t.classList.remove('drop-target'));
}

function acceptDrops(track, engineer, range) {
  track.addEventListener('dragover', (event) => {
    if (!dragging) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const minute = dropMinute(track, range, event.clientX);
    clearMarkers();
    track.classList.add('drop-target');
    track.append(place(el('div', { class: 'drop-marker' }, hhmm(minute)), range, minute, minute + GRID_MINUTES));
  });
  track.addEventListener('dragleave', (event) => {
    if (!track.contains(event.relatedTarget)) clearMarkers();
  });
  track.addEventListener('drop', (event) => {
    if (!dragging) return;
    event.preventDefault();
    const { visit, engineer: from } = dragging;
    const minute = dropMinute(track, range, event.clientX);
    dragging = null;
    clearMarkers();
    move(visit, from, { engineerId: engineer.id, engineer: engineer.name,
      startsAt: instantAt(plan.date, minute, plan.zone) });
  });
}

// ---- moving a visit: asking first, then telling what happened ----

const confirmDialog = $('confirm-dialog');

/** Asks before moving; resolves true when the dispatcher says move. */
function confirmMove(visit, from, to) {
  $('confirm-text').textContent = 'Move ' + visit.description + ' (case #' + visit.caseId + ') from ' + from.name + ', '
    + dateText(visit.startsAt) + ' ' + clock(visit.startsAt) + ', to ' + to.engineer + ', ' + dateText(to.startsAt)
    + ' ' + clock(to.startsAt) + '?';
  confirmDialog.returnValue = '';
  confirmDialog.showModal();
  $('confirm-move').focus();
  return new Promise((resolve) => confirmDialog.addEventListener('close',
    () => resolve(confirmDialog.returnValue === 'move'), { once: true }));
}

/** Moves the visit to {engineerId, engineer, startsAt} once confirmed, and says how it went. */
async function move(visit, from, to) {
  if (!(await confirmMove(visit, from, to))) {
    say($('day-message'), 'Not moved: ' + visit.description + ' stays with ' + from.name + ' at ' + clock(visit.startsAt) + '.', true);
    return;
  }
  const result = $('move-result');
  try {
    const moved = await api('/api/visits/' + visit.id + '/reschedule', { method: 'POST',
      body: { engineerId: to.engineerId, startsAt: to.startsAt } });
    result.hidden = true;
    say($('day-message'), 'Moved: ' + visit.description + ' (case #' + visit.caseId + ') is now with ' + moved.engineer
      + ' on ' + dateText(moved.startsAt) + ', ' + span(moved.startsAt, moved.endsAt) + '.', true);
    load();
  } catch (error) {
    say($('day-message'), '');
    showRefusal(visit, from, to, error);
  }
}

function slotButton(slot, onPick) {
  return el('button', { type: 'button', class: 'quiet slot', onclick: () => onPick(slot) },
    dateText(slot.startsAt) + ', ' + span(slot.startsAt, slot.endsAt) + ' · ' + slot.engineer);
}

function showRefusal(visit, from, to, error) {
  const result = $('move-result');
  const taken = error.code === 'slot_taken';
  const next = taken ? error.details.nextSlots || [] : [];
  fill(result,
    el('h2', {}, 'Not moved'),
    el('p', { id: 'move-refusal' }, taken
      ? to.engineer + ' is not free at ' + clock(to.startsAt) + ' on ' + dateText(to.startsAt)
        + ' (outside working hours, away, or too close to another visit). ' + visit.description + ' stays where it was.'
      : explain(error) + ' ' + visit.description + ' stays where it was.'),
    taken ? el('p', {}, next.length ? 'The next free times for this job:' : 'There is no free time for this job in the next two weeks.') : null,
    next.length ? el('ul', { id: 'next-slots', class: 'slot-list' }, next.map((slot) => el('li', {}, slotButton(slot,
      (picked) => move(visit, from, { engineerId: picked.engineerId, engineer: picked.engineer, startsAt: picked.startsAt }))))) : null,
    el('button', { type: 'button', class: 'quiet', onclick: () => { result.hidden = true; } }, 'Close'));
  result.hidden = false;
  result.focus();
}

// ---- moving a visit without a mouse: the Move… form ----

const moveDialog = $('move-dialog');
let moving = null; // { visit, engineer } the Move… form is for

async function openMoveForm(visit, engineer) {
  moving = { visit, engineer };
  const form = $('move-form');
  $('move-what').textContent = visit.description + ' (case #' + visit.caseId + '), now with ' + engineer.name + ', '
    + dateText(visit.startsAt) + ' ' + span(visit.startsAt, visit.endsAt) + '.';
  fill(form.engineer, plan.engineers.filter((e) => e.active || e.id === engineer.id)
    .map((e) => el('option', { value: e.id, selected: e.id === engineer.id }, e.name)));
  form.date.value = plan.date;
  form.time.value = clock(visit.startsAt);
  $('move-problem').textContent = '';
  moveDialog.showModal();
  form.engineer.focus();
  fill($('move-slots'), el('li', { class: 'muted' }, 'Looking for free times…'));
  try {
    const slots = await api('/api/cases/' + visit.caseId + '/slots?limit=6&from='
      + encodeURIComponent(instantAt(plan.date, 0, plan.zone)));
    fill($('move-slots'), slots.length === 0 ? el('li', { class: 'muted' }, 'No free time for this job in the next two weeks.')
      : slots.map((slot) => el('li', {}, slotButton(slot, (picked) => pickSlot(form, picked)))));
  } catch (error) {
    fill($('move-slots'), el('li', { class: 'message' }, explain(error)));
  }
}

function pickSlot(form, slot) {
  const p = parts(slot.startsAt, plan.zone);
  form.engineer.value = String(slot.engineerId);
  form.date.value = p.year + '-' + p.month + '-' + p.day;
  form.time.value = p.hour + ':' + p.minute;
  $('move-continue').focus();
}

$('move-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  const [h, m] = form.time.value.split(':').map(Number);
  const engineerId = Number(form.engineer.value);
  const to = { engineerId, engineer: form.engineer.selectedOptions[0].textContent,
    startsAt: instantAt(form.date.value, h * 60 + m, plan.zone) };
  const { visit, engineer } = moving;
  moveDialog.close();
  move(visit, engineer, to);
});
$('move-cancel').addEventListener('click', () => moveDialog.close());

// ---- the list: each engineer's visits in detail, with the report form ----

function engineerCard(engineer) {
  const working = engineer.working.length
    ? 'Works ' + engineer.working.map((w) => span(w.startsAt, w.endsAt)).join(', ') + ' · ' + hours(engineer.freeMinutes) + ' free'
    : 'Not working this day';
  return el('section', { class: 'card engineer', 'data-engineer': engineer.name },
    el('h3', {}, engineer.name, ' ', el('span', { class: 'badge' },
      engineer.visits.length === 0 ? 'no visits' : engineer.visits.length + (engineer.visits.length === 1 ? ' visit' : ' visits'))),
    el('p', { class: 'muted hours' }, working),
    engineer.visits.length ? el('ol', {}, engineer.visits.map((visit) => visitCard(visit, engineer))) : null);
}

function visitCard(visit, engineer) {
  const item = el('li', { class: 'visit ' + visit.status, 'data-visit': visit.id },
    el('div', {}, el('strong', {}, span(visit.startsAt, visit.endsAt)), ' · case #' + visit.caseId + ' ' + visit.category + ' ',
      el('span', { class: 'badge' + (visit.status === 'completed' ? ' done' : '') },
        visit.reportOutcome ? 'reported: ' + visit.reportOutcome : visit.status),
      visit.customerAdvised ? '' : el('span', { class: 'badge warn' }, 'customer not told')),
    el('div', {}, visit.accountName + ' (' + visit.accountNumber + ') — ' + (visit.address || 'no address')),
    el('div', { class: 'description' }, visit.description));
  if (visit.status === 'booked') {
    const open = openReports.get(visit.id);
    item.append(el('div', { class: 'row' },
      el('button', { class: 'quiet report-button', id: 'report-' + visit.id, 'aria-expanded': open ? 'true' : 'false',
        'aria-controls': 'report-form-' + visit.id, onclick: () => showReportForm(visit, item) }, 'Record report'),
      el('button', { class: 'quiet move-button', id: 'move-' + visit.id, onclick: () => openMoveForm(visit, engineer) }, 'Move…')));
    if (open) item.append(open);
  }
  return item;
}

/** Opens the visit's report form, or goes to it when it is already open: one form per visit. */
function showReportForm(visit, item) {
  let form = openReports.get(visit.id);
  if (!form) {
    form = reportForm(visit);
    openReports.set(visit.id, form);
    item.append(form);
    $('report-' + visit.id).setAttribute('aria-expanded', 'true');
  }
  form.outcome.focus();
}

function closeReportForm(visit) {
  const form = openReports.get(visit.id);
  openReports.delete(visit.id);
  if (form) form.remove();
  const button = $('report-' + visit.id);
  if (button) {
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
}

function reportForm(visit) {
  const form = el('form', { class: 'report-form', id: 'report-form-' + visit.id, 'aria-label': 'Report of visit ' + visit.id },
    el('label', {}, 'Outcome ', el('select', { name: 'outcome' },
      [['fixed', 'Fixed'], ['follow_up', 'Needs another visit'], ['no_access', 'No access'], ['not_home', 'Customer not home']]
        .map(([v, label]) => el('option', { value: v }, label)))),
    el('label', {}, 'Minutes on site ', el('input', { name: 'minutes', type: 'number', min: 0, max: 1440, value: 60, required: true })),
    el('label', { class: 'wide' }, 'Work done ', el('textarea', { name: 'workDone', rows: 2, maxlength: 5000, required: true })),
    el('label', { class: 'wide' }, 'Parts used ', el('input', { name: 'partsUsed', maxlength: 2000 })),
    el('div', { class: 'row' },
      el('button', { type: 'submit' }, 'Save report'),
      el('button', { type: 'button', class: 'quiet cancel-report', onclick: () => closeReportForm(visit) }, 'Cancel')),
    el('p', { class: 'message', role: 'alert' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/api/visits/' + visit.id + '/report', { method: 'POST', body: { outcome: form.outcome.value,
        minutesOnSite: Number(form.minutes.value), workDone: form.workDone.value, partsUsed: form.partsUsed.value || undefined } });
      openReports.delete(visit.id);
      say($('day-message'), 'Report saved for visit ' + visit.id + '.', true);
      load();
    } catch (error) {
      form.querySelector('.message').textContent = explain(error);
    }
  });
  return form;
}

// ---- the day picker and the live feed ----

function show(date) {
  $('day-message').textContent = '';
  $('move-result').hidden = true;
  day.value = date;
  load();
}

function shift(days) {
  const d = new Date(day.value + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  show(d.toISOString().slice(0, 10));
}

let reloadTimer = null;
function reloadSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, RELOAD_AFTER_MS);
}

let feedState = 'connecting';
function showFeedState(state) {
  const badge = $('feed-state');
  badge.dataset.state = state;
  badge.textContent = state === 'live' ? 'live' : 'reconnecting…';
  // a change missed while the feed was down is caught by reloading once it is back
  if (state === 'live' && feedState === 'reconnecting') reloadSoon();
  feedState = state;
}

day.addEventListener('change', () => { if (day.value) show(day.value); });
$('previous-day').addEventListener('click', () => shift(-1));
$('next-day').addEventListener('click', () => shift(1));
feed('/api/dispatch/live', (message) => { if (message.type === 'changed') reloadSoon(); }, showFeedState);
load();
