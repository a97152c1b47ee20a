// One service request on the agent's desk, opened from the pop or from "My open cases": its
// timeline (calls, audit trail, visits, customer told, reports, surveys, callbacks) and beside it
// what can be done — edit, change state, book / reschedule / cancel a visit with a slot picker,
// the waitlist, record that the customer was told, escalate, knowledge-base articles. It is
// always drawn from the server: after every action, and whenever the agent's socket says the case
// changed (whoever changed it).
import { api, el, explain, say, session, when } from './api.js';
import { $, onSubmit, actionButton, refill } from './desk.js';

export const CATEGORIES = ['boiler', 'heating', 'plumbing', 'electrical', 'appliance', 'billing', 'other'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const ADVISED_VIA = ['call', 'sms', 'email', 'letter'];
/** States reached through their own action (booking a visit, escalating), not the state list. */
const OWN_ACTION = ['scheduled', 'escalated'];
const SHOWN_SLOTS = 8;

let shown = null; // { case, timeline, suggestions }
let picker = null; // null, or { mode: 'book' | 'reschedule', visit, result }
let hooks = { watch: () => {}, changed: () => {} };
let refreshing = null;
let refreshAgain = false;

/** watch(caseId | null): the page's socket follows that case; changed(): something on the desk may need reloading. */
export function connect(given) {
  hooks = { ...hooks, ...given };
}

export function shownCaseId() {
  return shown ? shown.case.id : null;
}

export function message(text, good = false) {
  say($('case-message'), text || '', good);
}

/** Opens the case in the view, then moves the focus to focusId (or the case's title). */
export async function openCase(id, focusId) {
  message();
  try {
    const another = !shown || shown.case.id !== id;
    if (another) picker = null;
    shown = await load(id);
    hooks.watch(id);
    if (another) $('case-area').replaceChildren(); // what was typed on another case stays with it, not in this one's forms
    draw();
    focus(focusId || 'case-title');
  } catch (error) {
    message(explain(error));
  }
}

/** Closes the view. */
export function leaveCase() {
  shown = null;
  picker = null;
  hooks.watch(null);
  refill($('case-area'), [el('p', { class: 'muted' }, 'Open a case from the call, or pick one of your cases.')]);
  message();
}

/**
 * The case changed somewhere (here, another agent, the dispatcher): read it again and redraw,
 * keeping what the agent is typing; one refresh at a time, and one more if asked meanwhile.
 */
export async function refresh() {
  if (!shown) return;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  const id = shown.case.id;
  refreshing = load(id);
  try {
    const fresh = await refreshing;
    if (shown && shown.case.id === id) {
      const changed = JSON.stringify(fresh) !== JSON.stringify(shown);
      shown = fresh;
      draw({ live: true });
      if (changed) {
        message(); // what the last action said may no longer hold
        say($('case-live'), 'Updated at ' + when(new Date().toISOString(), { timeStyle: 'medium' }) + '.', true);
      }
    }
  } catch (error) {
    message(explain(error));
  } finally {
    refreshing = null;
    if (refreshAgain) {
      refreshAgain = false;
      refresh();
    }
  }
}

async function load(id) {
  const [c, timeline, suggestions, messages] = await Promise.all([api('/api/cases/' + id), api('/api/cases/' + id + '/timeline'),
    api('/api/cases/' + id + '/articles/suggested').catch(() => []),
    api('/api/cases/' + id + '/messages').catch((error) => ({ unreadable: explain(error) }))]);
  return { case: c, timeline, suggestions, messages };
}

/** After an action on the case: read it again, draw it, tell the desk, move the focus to the next step. */
async function after(done, text, focusId) {
  shown = await load(shown.case.id);
  draw({ done });
  hooks.changed();
  if (text) message(text, true);
  focus(focusId);
}

function focus(id) {
  const target = id && $(id);
  if (target) target.focus();
}

// --- drawing ---------------------------------------------------------------------------------

function draw({ live = false, done = null } = {}) {
  const c = shown.case;
  refill($('case-area'), [
    el('div', { class: 'sr-head' },
      el('h3', { id: 'case-title', tabindex: '-1' }, 'Case #' + c.id + ' — ' + c.category + ' ',
        el('span', { class: 'badge status-' + c.status, id: 'case-status', tabindex: '-1' }, c.status.replace('_', ' '))),
      actionButton({ id: 'leave-case-button', class: 'quiet', 'aria-label': 'Close case #' + c.id }, 'Close', async () => {
        leaveCase();
        focus('my-cases-title');
      })),
    el('p', { class: 'muted' }, c.accountName + ' (' + c.accountNumber + ') · ' + c.priority + ' priority · opened '
      + when(c.createdAt) + ' · via ' + c.channel),
    el('p', { id: 'case-live', class: 'message live-note', role: 'status' }),
    el('div', { class: 'sr-layout' },
      el('div', { class: 'sr-main' },
        el('section', { 'aria-labelledby': 'visit-title' }, el('h4', { id: 'visit-title' }, 'Visit'), visitArea()),
        el('section', { 'aria-labelledby': 'messages-title' }, el('h4', { id: 'messages-title' }, 'Messages to the customer'), customerMessages()),
        el('section', { 'aria-labelledby': 'timeline-title' }, el('h4', { id: 'timeline-title' }, 'Timeline'), timeline())),
      el('div', { class: 'sr-side' },
        el('section', { 'aria-labelledby': 'details-title' }, el('h4', { id: 'details-title' }, 'Details'), editForm()),
        el('section', { 'aria-labelledby': 'state-title' }, el('h4', { id: 'state-title' }, 'State'), moveForm()),
        c.allowedTransitions.includes('escalated')
          ? el('section', { 'aria-labelledby': 'escalate-title' }, el('h4', { id: 'escalate-title' }, 'Escalate'), escalateForm())
          : null,
        el('section', { 'aria-labelledby': 'kb-title' }, el('h4', { id: 'kb-title', tabindex: '-1' }, 'Knowledge base'), knowledge()))),
  ], { keepFocused: live, done });
}

function bookedVisit() {
  return shown.timeline.visits.filter((v) => v.status === 'booked').at(-1) || null;
}

function visitArea() {
  const visit = bookedVisit();
  const c = shown.case;
  const parts = [];
  if (visit) {
    parts.push(el('p', { id: 'visit-booked', class: 'ok' }, 'Visit booked: ' + when(visit.startsAt) + ' with ' + visit.engineer + '.'));
    parts.push(visit.customerAdvisedAt
      ? el('p', { id: 'advised', tabindex: '-1' }, 'Customer told on ' + when(visit.customerAdvisedAt) + ' by ' + visit.customerAdvisedVia + '.')
      : advisedForm(visit));
    parts.push(el('div', { class: 'row' },
      actionButton({ id: 'reschedule-button', class: 'quiet' }, 'Reschedule', async () => {
        picker = { mode: 'reschedule', visit };
        draw();
        await searchSlots();
      }),
      cancelVisitForm(visit)));
  } else if (c.allowedTransitions.includes('scheduled') || c.status === 'scheduled') {
    parts.push(el('p', { class: 'muted' }, 'No visit booked.'));
    if (!picker) {
      parts.push(actionButton({ id: 'find-slots-button' }, 'Find a visit slot', async () => {
        picker = { mode: 'book' };
        draw();
        await searchSlots();
      }));
    }
  } else {
    parts.push(el('p', { class: 'muted' }, 'No visit booked; a ' + c.status.replace('_', ' ') + ' case takes none.'));
  }
  if (picker) parts.push(slotPicker());
  return el('div', { id: 'visit-area' }, parts);
}

function advisedForm(visit) {
  const form = el('form', { id: 'advised-form', class: 'inline' },
    el('label', { class: 'inline-label' }, 'Customer told the date by ',
      el('select', { name: 'via', id: 'advised-via' }, ADVISED_VIA.map((v) => el('option', { value: v }, v)))),
    el('button', { type: 'submit', id: 'advised-button' }, 'Record'));
  return onSubmit(form, async () => {
    try {
      await api('/api/visits/' + visit.id + '/advised', { method: 'POST', body: { via: form.via.value } });
      await after(form, 'Recorded that the customer was told.', 'advised');
    } catch (error) {
      message(explain(error));
    }
  });
}

function cancelVisitForm(visit) {
  const form = el('form', { id: 'cancel-visit-form', class: 'inline' },
    el('input', { name: 'reason', id: 'cancel-reason', maxlength: 500, placeholder: 'Why (optional)', 'aria-label': 'Why the visit is cancelled' }),
    el('button', { type: 'submit', id: 'cancel-visit-button', class: 'warn' }, 'Cancel visit'));
  return onSubmit(form, async () => {
    try {
      const reason = form.reason.value.trim();
      await api('/api/visits/' + visit.id + '/cancel', { method: 'POST', body: reason ? { reason } : {} });
      picker = null;
      await after(form, 'Visit cancelled.', 'find-slots-button');
    } catch (error) {
      message(explain(error));
    }
  });
}

// --- the slot picker: a day, morning or afternoon, the date promised to the customer ----------

function slotPicker() {
  const search = el('form', { id: 'slot-search', class: 'inline' },
    el('label', {}, 'Day', el('input', { type: 'date', name: 'day', id: 'slot-day' })),
    el('label', {}, 'Time of day', el('select', { name: 'part', id: 'slot-part' },
      el('option', { value: '' }, 'any time'), el('option', { value: 'morning' }, 'morning'),
      el('option', { value: 'afternoon' }, 'afternoon'))),
    el('label', {}, 'Promised by', el('input', { type: 'date', name: 'promised', id: 'slot-promised' })),
    el('button', { type: 'submit', id: 'slot-search-button', class: 'quiet' }, 'Find slots'));
  onSubmit(search, () => searchSlots());
  const title = picker.mode === 'reschedule' ? 'Move the visit to' : 'Free slots';
  return el('div', { id: 'slot-picker', class: 'picker' },
    el('h5', {}, title),
    search,
    el('div', { id: 'slot-results', 'aria-live': 'polite' }, picker.result || null),
    el('button', { type: 'button', class: 'quiet', id: 'slot-picker-close', onclick: () => { picker = null; draw(); focus(bookedVisit() ? 'reschedule-button' : 'find-slots-button'); } },
      picker.mode === 'reschedule' ? 'Keep the visit as it is' : 'Not now'));
}

/** Finds slots for what the picker says and lists them; the first one gets the focus. */
async function searchSlots() {
  const form = $('slot-search');
  const wanted = { day: form.day.value, part: form.part.value, promised: form.promised.value };
  message();
  try {
    const { slots, alternatives } = await findSlots(wanted);
    picker.result = slotList(slots, alternatives, wanted);
  } catch (error) {
    picker.result = el('p', { class: 'message' }, explain(error));
  }
  refill($('slot-results'), [picker.result]);
  const first = document.querySelector('#slots .book');
  if (first) first.focus();
}

async function findSlots({ day, part, promised }) {
  const id = shown.case.id;
  const inPart = (s) => !part || (new Date(s.startsAt).getHours() < 12) === (part === 'morning');
  const onDay = (s) => !day || localDate(s.startsAt) === day;
  if (promised) {
    const options = await api('/api/cases/' + id + '/booking-options?promisedBy=' + encodeURIComponent(endOf(promised)));
    return { slots: options.withinPromise.filter((s) => inPart(s) && onDay(s)), alternatives: options.alternatives };
  }
  const range = day ? '&from=' + encodeURIComponent(startOf(day)) + '&to=' + encodeURIComponent(endOf(day)) : '';
  const slots = await api('/api/cases/' + id + '/slots?limit=' + (part ? 60 : SHOWN_SLOTS) + range);
  return { slots: slots.filter(inPart), alternatives: [] };
}

function slotList(slots, alternatives, wanted) {
  if (slots.length > 0) {
    return el('ul', { id: 'slots', class: 'slots' }, slots.slice(0, SHOWN_SLOTS).map((s) => slotItem(s)));
  }
  const earliest = alternatives.find((a) => a.kind === 'earliest-slot');
  return el('div', { id: 'no-slots' },
    el('p', {}, wanted.promised ? 'No free slot before ' + when(endOf(wanted.promised), { dateStyle: 'medium' }) + '.'
      : 'No free slot ' + (wanted.day ? 'on that day' : 'in the next two weeks') + (wanted.part ? ' in the ' + wanted.part : '') + '.'),
    earliest ? el('ul', { id: 'slots', class: 'slots' }, slotItem(earliest.slot, 'the earliest after the promise')) : null,
    picker.mode === 'book' ? waitlistForm(wanted.promised || wanted.day) : null,
    alternatives.some((a) => a.kind === 'escalate') && shown.case.allowedTransitions.includes('escalated')
      ? el('p', { class: 'muted' }, 'Or escalate the case below.') : null);
}

function slotItem(slot, note) {
  const label = when(slot.startsAt, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
    + '–' + when(slot.endsAt, { hour: '2-digit', minute: '2-digit' }) + ' · ' + slot.engineer + (note ? ' (' + note + ')' : '');
  const verb = picker.mode === 'reschedule' ? 'Move here' : 'Book';
  return el('li', {}, label + ' ',
    actionButton({ class: 'book', 'aria-label': verb + ': ' + label }, verb, () => choose(slot)));
}

async function choose(slot) {
  message();
  try {
    if (picker.mode === 'reschedule') {
      await api('/api/visits/' + picker.visit.id + '/reschedule', { method: 'POST', body: { engineerId: slot.engineerId, startsAt: slot.startsAt } });
      picker = null;
      await after(null, 'Visit moved; tell the customer the new date.', 'advised-via');
    } else {
      await api('/api/cases/' + shown.case.id + '/visits', { method: 'POST', body: { engineerId: slot.engineerId, startsAt: slot.startsAt } });
      picker = null;
      await after(null, 'Visit booked; tell the customer the date.', 'advised-via');
    }
  } catch (error) {
    message(explain(error));
    if (error.code === 'slot_taken' && picker) {
      picker.result = slotList(error.details.nextSlots || [], [], {});
      refill($('slot-results'), [picker.result]);
    }
  }
}

function waitlistForm(date) {
  const form = el('form', { id: 'waitlist-form', class: 'inline' },
    el('label', {}, 'Wanted by', el('input', { type: 'date', name: 'wantedBy', id: 'waitlist-date', required: true, value: date || '' })),
    el('button', { type: 'submit', id: 'waitlist-button' }, 'Put on the waitlist'));
  return onSubmit(form, async () => {
    try {
      await api('/api/cases/' + shown.case.id + '/waitlist', { method: 'POST', body: { wantedBy: endOf(form.wantedBy.value) } });
      picker = null;
      await after(form, 'On the waitlist: the dispatcher books the first slot that frees up.', 'case-title');
    } catch (error) {
      message(explain(error));
    }
  });
}

// --- details, state, escalation, knowledge ----------------------------------------------------

function editForm() {
  const c = shown.case;
  const form = el('form', { id: 'edit-case-form', class: 'stack' },
    el('label', {}, 'Category', el('select', { name: 'category', id: 'edit-category' },
      [...new Set([...CATEGORIES, c.category])].map((x) => el('option', { value: x, selected: x === c.category }, x)))),
    el('label', {}, 'Priority', el('select', { name: 'priority', id: 'edit-priority' },
      PRIORITIES.map((p) => el('option', { value: p, selected: p === c.priority }, p)))),
    el('label', {}, 'Description', el('textarea', { name: 'description', id: 'edit-description', rows: 3, maxlength: 5000, required: true }, c.description)),
    el('button', { type: 'submit', id: 'save-case-button', class: 'quiet' }, 'Save changes'));
  const version = c.version;
  return onSubmit(form, async () => {
    try {
      await api('/api/cases/' + c.id, { method: 'PATCH', ifMatch: version, body: {
        category: form.category.value, priority: form.priority.value, description: form.description.value } });
      await after(form, 'Saved.', 'save-case-button');
    } catch (error) {
      message(explain(error));
    }
  });
}

function moveForm() {
  const c = shown.case;
  const targets = c.allowedTransitions.filter((s) => !OWN_ACTION.includes(s));
  if (targets.length === 0) return el('p', { class: 'muted', id: 'no-moves' }, 'A ' + c.status + ' case goes nowhere from here.');
  const resolution = el('label', { hidden: targets[0] !== 'closed', id: 'move-resolution-label' }, 'Resolution',
    el('input', { name: 'resolutionCode', id: 'move-resolution', maxlength: 32, placeholder: 'e.g. fixed-on-visit' }));
  const form = el('form', { id: 'move-form', class: 'stack' },
    el('label', {}, 'Move to', el('select', { name: 'to', id: 'move-to',
      onchange: (e) => { resolution.hidden = e.target.value !== 'closed'; } },
    targets.map((s) => el('option', { value: s }, s.replace('_', ' '))))),
    resolution,
    el('label', {}, 'Why', el('input', { name: 'reason', id: 'move-reason', maxlength: 1000 })),
    el('button', { type: 'submit', id: 'move-button', class: 'quiet' }, 'Change state'));
  const version = c.version;
  return onSubmit(form, async () => {
    const to = form.to.value;
    try {
      const moved = await api('/api/cases/' + c.id + '/transitions', { method: 'POST', ifMatch: version, body: {
        to, reason: form.reason.value || undefined, resolutionCode: to === 'closed' ? form.resolutionCode.value : undefined } });
      await after(form, 'Now ' + moved.status.replace('_', ' ') + (moved.survey ? '; a satisfaction survey was sent.' : '.'), 'case-status');
    } catch (error) {
      message(explain(error));
    }
  });
}

function escalateForm() {
  const c = shown.case;
  const due = new Date(Date.now() + 2 * 3600 * 1000);
  const form = el('form', { id: 'escalate-form', class: 'stack' },
    el('label', {}, 'To', el('select', { name: 'to', id: 'escalate-to' },
      el('option', { value: 'specialist' }, 'a specialist'), el('option', { value: 'supervisor' }, 'a supervisor'))),
    el('label', {}, 'Why', el('input', { name: 'reason', id: 'escalate-reason', maxlength: 1000, required: true })),
    el('label', {}, 'Call the customer back by', el('input', { type: 'datetime-local', name: 'due', id: 'escalate-due', required: true,
      value: localDateTime(due) })),
    el('button', { type: 'submit', id: 'escalate-button', class: 'quiet' }, 'Escalate and plan a callback'));
  const version = c.version;
  return onSubmit(form, async () => {
    try {
      const callback = await api('/api/cases/' + c.id + '/escalations', { method: 'POST', ifMatch: version, body: {
        to: form.to.value, reason: form.reason.value, callbackDueAt: new Date(form.due.value).toISOString(),
        assignee: session()?.username } }); // the agent who plans the callback makes it: it goes on their list
      await after(form, 'Escalated; callback due ' + when(callback.dueAt) + '.', 'case-status');
    } catch (error) {
      message(explain(error));
    }
  });
}

function knowledge() {
  const c = shown.case;
  const linked = new Map(shown.timeline.articles.map((a) => [a.id, a]));
  if (shown.suggestions.length === 0 && linked.size === 0) return el('p', { class: 'muted' }, 'No article matches this case.');
  const articles = [...shown.suggestions, ...shown.timeline.articles.filter((a) => !shown.suggestions.some((s) => s.id === a.id))];
  return el('ul', { id: 'kb-suggestions', class: 'kb' }, articles.map((a) => el('li', {},
    el('strong', {}, a.title),
    linked.has(a.id) ? el('span', { class: 'badge ok' }, linked.get(a.id).solvedIt ? 'solved it' : 'linked') : el('span', { class: 'row' },
      actionButton({ class: 'quiet link-article', 'aria-label': 'Link “' + a.title + '” to the case' }, 'Link', () => linkArticle(a, false)),
      c.allowedTransitions.includes('resolved')
        ? actionButton({ class: 'quiet solved-it', 'aria-label': 'Solved it with “' + a.title + '”' }, 'Solved it', () => linkArticle(a, true))
        : null))));
}

async function linkArticle(article, solvedIt) {
  try {
    await api('/api/cases/' + shown.case.id + '/articles', { method: 'POST', ifMatch: solvedIt ? shown.case.version : undefined,
      body: { articleId: article.id, solvedIt } });
    await after(null, solvedIt ? 'Resolved with “' + article.title + '”.' : 'Linked “' + article.title + '”.', solvedIt ? 'case-status' : 'kb-title');
  } catch (error) {
    message(explain(error));
  }
}

// --- what the customer was sent ----------------------------------------------------------------

const MESSAGE_WORDS = {
  'visit-booked': 'Visit booked', 'visit-rescheduled': 'Visit moved', 'visit-cancelled': 'Visit cancelled',
  'case-closed': 'Case closed, with the survey',
};

/** Each message about the case (visit booked, moved, cancelled; the survey) and whether it went out. */
function customerMessages() {
  const messages = shown.messages;
  if (messages.unreadable) return el('p', { class: 'message', id: 'case-messages' }, 'The messages cannot be read: ' + messages.unreadable);
  if (messages.length === 0) return el('p', { class: 'muted', id: 'case-messages' }, 'None sent.');
  return el('ul', { id: 'case-messages', class: 'timeline' }, messages.map((m) => el('li', { class: 'message-' + m.status },
    el('time', { datetime: m.createdAt }, when(m.createdAt)), ' ', (MESSAGE_WORDS[m.kind] || m.kind)
      + (m.channel ? ' — ' + (m.channel === 'sms' ? 'SMS' : m.channel) + ' to ' + m.recipient : '') + ': ',
    el('strong', { class: 'message-status' }, deliveryText(m)))));
}

function deliveryText(m) {
  if (m.status === 'sent') return 'sent ' + when(m.sentAt);
  if (m.status === 'failed') return 'not sent' + (m.lastError ? ' (' + m.lastError + ')' : '') + ' — tell the customer another way';
  if (m.status === 'sending') return 'sending';
  return 'waiting to go' + (m.attempts > 0 ? ' (' + m.attempts + (m.attempts === 1 ? ' try' : ' tries') + ' so far' + (m.lastError ? ': ' + m.lastError : '') + ')' : '');
}

// --- the timeline -----------------------------------------------------------------------------

function timeline() {
  const t = shown.timeline;
  const entries = [
    ...t.calls.map((call) => ({ at: call.startedAt, kind: 'call', text: 'Call from ' + (call.callerNumber || 'a withheld number')
      + (call.queue ? ' to ' + call.queue : '') + (call.outcome ? ' — ' + call.outcome : '') + (call.agent ? ' by ' + call.agent : '') })),
    ...t.events.map((e) => ({ at: e.at, kind: e.kind, text: eventText(e) })),
    ...t.visits.filter((v) => v.report).map((v) => ({ at: v.report.reportedAt, kind: 'report',
      text: 'Engineer report (' + v.engineer + '): ' + v.report.outcome.replace('_', ' ') + ' — ' + v.report.workDone })),
    ...t.callbacks.map((b) => ({ at: b.requestedAt, kind: 'callback', text: 'Callback due ' + when(b.dueAt)
      + (b.assignee ? ' for ' + b.assignee : '') + ' — ' + b.status + (b.outcome ? ': ' + b.outcome : '') })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return el('ol', { id: 'case-timeline', class: 'timeline', reversed: true }, entries.map((entry) => el('li', { class: 'tl-' + entry.kind },
    el('time', { datetime: entry.at }, when(entry.at)), ' ', entry.text)));
}

const EVENT_WORDS = {
  opened: 'Opened', status: 'State', reopened: 'Reopened', edited: 'Edited', 'customer-advised': 'Customer told',
  'visit-booked': 'Visit booked', 'visit-rescheduled': 'Visit moved', 'visit-cancelled': 'Visit cancelled',
  waitlisted: 'On the waitlist', 'survey-sent': 'Survey sent', 'survey-answered': 'Survey answered',
  'article-linked': 'Article linked', 'callback-done': 'Callback done',
};

function eventText(e) {
  const what = EVENT_WORDS[e.kind] || e.kind;
  const move = e.to ? (e.from ? ' ' + e.from.replace('_', ' ') + ' → ' : ' → ') + e.to.replace('_', ' ') : '';
  return what + move + (e.reason ? ': ' + readableTimes(e.reason) : '') + ' (' + e.actor + ')';
}

/** The audit trail writes times as ISO instants ("booked for 2026-11-30T08:00:00Z"); show them as local times. */
function readableTimes(text) {
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z/g, (iso) => when(iso));
}

// --- dates in the agent's own time zone -------------------------------------------------------

function pad(n) {
  return String(n).padStart(2, '0');
}

function localDate(iso) {
  const d = new Date(iso);
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
}

function localDateTime(d) {
  return localDate(d.toISOString()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
}

function startOf(day) {
  return new Date(day + 'T00:00').toISOString();
}

function endOf(day) {
  const d = new Date(day + 'T00:00');
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

