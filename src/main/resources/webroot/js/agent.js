// The agent desktop: my state in the queues, the call ringing my phone with the caller's account
// (kept fresh by the server while it is shown), the service request opened from it or from my
// open cases (js/service-request.js), and my callbacks. A caller the pop does not know is found,
// linked or given a new account there, and any account can be looked up and shown (js/accounts.js).
import { api, feed, newKey, startPage, el, fill, explain, say, duration, when } from './api.js';
import { offerPasswordChange } from './password.js';
import { $, busy, onSubmit } from './desk.js';
import * as request from './service-request.js';
import * as accounts from './accounts.js';

const me = startPage('Agent desktop');
offerPasswordChange();

// --- my state in the queues -------------------------------------------------------------

async function loadState() {
  try {
    const { queues } = await api('/api/agent/state');
    fill($('my-state'), queues.length === 0
      ? el('p', { class: 'muted' }, 'Your phone is in no queue right now.')
      : el('ul', {}, queues.map((q) => el('li', { class: 'agent-state ' + q.state },
          el('strong', {}, q.queue), ' ', el('span', { class: 'state-name' }, q.state.replace('_', ' ')),
          q.pausedReason ? ' — ' + q.pausedReason : '', ' ', el('span', { class: 'muted' }, duration(q.secondsInState))))));
  } catch (error) {
    fill($('my-state'), el('p', { class: 'message' }, explain(error)));
  }
}

async function changeState(state) {
  say($('state-message'), '');
  try {
    const body = state === 'paused' ? { state, reason: $('pause-reason').value } : { state };
    const result = await api('/api/agent/state', { method: 'POST', body });
    say($('state-message'), state === 'paused' ? 'Paused (' + result.reason + ').' : 'Ready for calls.', true);
    setTimeout(loadState, 300);
  } catch (error) {
    say($('state-message'), explain(error));
  }
}

$('ready-button').addEventListener('click', () => busy($('ready-button'), () => changeState('ready')));
$('pause-button').addEventListener('click', () => busy($('pause-button'), () => changeState('paused')));

// --- the call on my phone -----------------------------------------------------------------

let call = null; // { popId, state, pop, chosen: { account, note } once the agent said which account an unknown caller is }

function onDeskMessage(message) {
  if (message.type === 'watching') return;
  if (message.type === 'case-changed') {
    if (message.caseId === request.shownCaseId()) request.refresh();
    loadMyCases();
    return;
  }
  if (message.type === 'pop') {
    if (call && call.popId === message.pop.popId) {
      call.state = message.state;
      call.pop = message.pop;
    } else {
      call = { popId: message.pop.popId, state: message.state, pop: message.pop, chosen: null, finder: null };
    }
  } else if (message.type === 'pop-updated') {
    // the same call, its account read again after a change to one of its cases
    if (!call || message.pop.popId !== call.popId) return;
    call.pop = message.pop;
  } else if (call && message.popId === call.popId) {
    if (message.type === 'withdrawn') call = null;
    else if (message.type === 'ended') call.state = 'ended';
  }
  renderCall();
}

/** Draws the call; the focus, if it was in the call panel, stays on the same control. */
function renderCall() {
  const focusedId = $('call').contains(document.activeElement) ? document.activeElement.id : null;
  const panel = $('call-panel');
  panel.className = 'card call ' + (call ? call.state : 'idle');
  if (!call) {
    fill($('call'), el('p', { class: 'muted' }, 'No call. A call that rings your phone appears here.'));
    return;
  }
  const pop = call.pop;
  const account = pop.account;
  const label = { ringing: 'Ringing', active: 'On the call', ended: 'Call ended' }[call.state];
  fill($('call'),
    el('div', { class: 'call-head' },
      el('span', { class: 'call-state', id: 'call-state' }, label),
      el('span', {}, 'from ', el('strong', { id: 'caller-number' }, pop.withheld ? 'withheld number' : pop.callerNumber),
        pop.callerName ? ' (' + pop.callerName + ')' : ''),
      el('span', {}, 'queue ', el('strong', {}, pop.queue)),
      el('span', { class: pop.breached ? 'breach' : '' }, 'waited ' + duration(pop.waitedSeconds))),
    account ? accountCard(pop, account) : unknownCaller(pop));
  if (focusedId && $(focusedId)) $(focusedId).focus();
}

function accountCard(pop, account) {
  const address = account.address;
  return el('div', { class: 'account', id: 'pop-account' },
    el('h3', {}, el('span', { id: 'account-name' }, account.name), ' ',
      el('span', { class: 'badge', id: 'account-number' }, account.accountNumber),
      pop.resolvedBy === 'ivr-account' ? el('span', { class: 'badge ok' }, 'verified in IVR') : el('span', { class: 'badge' }, 'by caller ID')),
    address ? el('p', {}, [address.line1, address.line2, address.city, address.postcode].filter(Boolean).join(', ')) : null,
    el('div', { class: 'columns' },
      el('div', {}, el('h4', {}, 'Open cases'), account.openCases.length === 0 ? el('p', { class: 'muted', id: 'open-cases' }, 'None')
        : el('ul', { id: 'open-cases' }, account.openCases.map((c) => el('li', {},
            caseLink(c, 'pop-case-' + c.id), ' — ' + c.status.replace('_', ' '))))),
      el('div', {}, el('h4', {}, 'Next visit'), account.nextVisit
        ? el('p', { id: 'next-visit' }, when(account.nextVisit.startsAt) + ' with ' + account.nextVisit.engineer)
        : el('p', { class: 'muted', id: 'next-visit' }, 'None booked'),
        el('h4', {}, 'Last survey'), el('p', {}, account.lastCsat ? account.lastCsat.score + ' / 5' : '–'))),
    el('h4', {}, 'History'),
    el('ol', { class: 'history' }, account.history.slice(0, 8).map((h) => el('li', {},
      el('span', { class: 'muted' }, when(h.at, { dateStyle: 'medium' })), ' ', historyText(h)))),
    el('button', { id: 'new-case-button', onclick: () => newCaseForm(account, pop) }, 'New case from this call'));
}

function caseLink(c, id) {
  return el('a', { href: '#case-' + c.id, id, onclick: (e) => { e.preventDefault(); request.openCase(c.id); } },
    '#' + c.id + ' ' + c.category);
}

function historyText(h) {
  if (h.kind === 'case') return 'Case #' + h.caseId + ' ' + h.category + ' (' + h.status + ')';
  if (h.kind === 'visit') return 'Visit by ' + h.engineer + ' — ' + (h.outcome || h.status);
  return 'Call to ' + h.queue + ' — ' + (h.outcome || 'in progress') + (h.agent ? ' with ' + h.agent : '');
}

function unknownCaller(pop) {
  if (pop.resolvedBy === 'unavailable') {
    return el('div', { class: 'account', id: 'pop-unavailable' }, el('h3', {}, 'Account not available'),
      el('p', { class: 'muted' }, 'The database is not answering, so the account and its history cannot be shown yet.'
        + (pop.ivrAccount ? ' The caller keyed account ' + pop.ivrAccount + ' in the IVR.' : '')));
  }
  if (call.chosen) return chosenAccount(pop, call.chosen);
  const ambiguous = pop.candidates && pop.candidates.length > 0;
  // one finder for the call's life: what the agent typed in it survives the pop being drawn again
  call.finder = call.finder || accounts.callerFinder(pop, (account, note) => chooseAccount(account, note));
  return el('div', { class: 'account', id: 'pop-unknown' },
    el('h3', {}, ambiguous ? 'This number belongs to more than one account' : 'Unknown caller'),
    el('p', { class: 'muted' }, ambiguous ? 'Ask the caller which account they call about.'
      : (pop.ivrAccountUnknown ? 'The account keyed in the IVR (' + pop.ivrAccount + ') does not exist. ' : 'No account has this number. ')
        + 'Ask for the account number, name or postcode and search, or open a new account.'),
    call.finder);
}

/** The agent said which account the caller is: the pop shows it, and the case form follows. */
function chooseAccount(account, note) {
  call.chosen = { account, note };
  call.finder = null;
  renderCall();
  newCaseForm(account, call.pop);
}

function chosenAccount(pop, { account, note }) {
  return el('div', { class: 'account', id: 'pop-chosen' },
    el('h3', {}, el('span', { id: 'account-name' }, account.name), ' ',
      el('span', { class: 'badge', id: 'account-number' }, account.accountNumber), el('span', { class: 'badge' }, 'named by the caller')),
    note ? el('p', { id: 'chosen-note', class: 'ok' }, note) : null,
    el('div', { class: 'row' },
      el('button', { id: 'new-case-button', onclick: () => newCaseForm(account, pop) }, 'New case from this call'),
      el('button', { id: 'show-account-button', class: 'quiet', onclick: () => accounts.showAccount(account.id) }, 'Show the account')));
}

// --- a new case from the call -------------------------------------------------------------

/**
 * The form to open a case. It carries one idempotency key for its whole life: sending it twice
 * (a double click, a retry after an answer that was lost) opens one case.
 */
function newCaseForm(account, pop, channel) {
  request.message();
  request.leaveCase();
  const key = newKey();
  const form = el('form', { id: 'new-case-form' },
    el('p', {}, 'For ', el('strong', {}, account.name), ' (' + account.accountNumber + ')'),
    pop ? null : el('label', {}, 'Came by ', el('select', { name: 'channel', id: 'case-channel' },
      accounts.CHANNELS.map(([value, label]) => el('option', { value, selected: value === channel }, label)))),
    el('label', {}, 'Category ', el('select', { name: 'category', id: 'case-category' },
      request.CATEGORIES.map((c) => el('option', { value: c }, c)))),
    el('label', {}, 'Priority ', el('select', { name: 'priority', id: 'case-priority' },
      ['normal', 'high', 'urgent', 'low'].map((p) => el('option', { value: p }, p)))),
    el('label', { class: 'wide' }, 'What the customer needs ', el('textarea', { name: 'description', id: 'case-description',
      rows: 3, maxlength: 5000, required: true })),
    el('button', { type: 'submit', id: 'create-case-button' }, 'Open case'));
  onSubmit(form, async () => {
    try {
      const body = await api('/api/cases', { method: 'POST', headers: { 'Idempotency-Key': key }, body: {
        accountNumber: account.accountNumber, callLinkedid: pop ? pop.linkedid : undefined,
        channel: pop ? undefined : form.channel.value,
        category: form.category.value, priority: form.priority.value, description: form.description.value } });
      if (body.held) {
        // the database is away: the opening is safe on the server's disk and becomes a case when it is back
        fill($('case-area'), el('p', { id: 'case-held', class: 'ok', tabindex: '-1' }, body.message + ' Reference ' + body.reference + '.'));
        $('case-held').focus();
        return;
      }
      await request.openCase(body.id, 'find-slots-button');
      loadMyCases();
      if (accounts.shownId() === account.id) accounts.showAccount(account.id, null); // its open cases now list the new one
    } catch (error) {
      request.message(explain(error));
    }
  });
  fill($('case-area'), form);
  $('case-category').focus();
}

// --- lists ------------------------------------------------------------------------------------

async function loadMyCases() {
  try {
    const cases = await api('/api/cases');
    fill($('my-cases'), cases.length === 0 ? el('p', { class: 'muted' }, 'None.') : el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Case'), el('th', {}, 'Account'), el('th', {}, 'Status'), el('th', {}, 'Changed'))),
      el('tbody', {}, cases.map((c) => el('tr', { 'data-case': c.id },
        el('td', {}, caseLink(c)), el('td', {}, c.accountName), el('td', {}, c.status.replace('_', ' ')),
        el('td', {}, when(c.updatedAt)))))));
  } catch (error) {
    fill($('my-cases'), el('p', { class: 'message' }, explain(error)));
  }
}

async function loadCallbacks() {
  try {
    const callbacks = await api('/api/callbacks?mine=true');
    fill($('callbacks'), callbacks.length === 0 ? el('p', { class: 'muted' }, 'None waiting for you.') : el('ul', {},
      callbacks.map((c) => el('li', {}, c.phone + ' · due ' + when(c.dueAt) + (c.caseId ? ' · case #' + c.caseId : '')
        + (c.note ? ' — ' + c.note : '')))));
  } catch (error) {
    fill($('callbacks'), el('p', { class: 'message' }, explain(error)));
  }
}

if (me.role !== 'agent') {
  fill(document.querySelector('main'), el('p', { class: 'refused card', id: 'refused' },
    'The agent desktop is for agents; you are logged in as ' + me.role + '.'));
} else {
  const socket = feed('/api/agent/pops', onDeskMessage, (state) => { $('feed-state').textContent = state; },
    // after a reconnect the server no longer knows which case the view shows; tell it again
    () => socket && socket.send({ type: 'watch', caseId: request.shownCaseId() }));
  accounts.connect({
    newCase: (account, channel) => newCaseForm(account, null, channel),
    openCase: (id) => request.openCase(id),
  });
  fill($('desk-search'), accounts.deskSearch());
  request.connect({
    watch: (caseId) => socket.send({ type: 'watch', caseId }),
    changed: () => { loadMyCases(); loadCallbacks(); },
  });
  loadState();
  loadMyCases();
  loadCallbacks();
  setInterval(loadState, 5000);
  setInterval(loadCallbacks, 30000);
}
