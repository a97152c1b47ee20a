// The agent desktop: my state in the queues, the call ringing my phone with the caller's
// account, the service request opened from it (case, visit slot, booking, customer advised),
// my open cases and my callbacks.
import { api, feed, startPage, el, fill, explain, say, duration, when } from './api.js';

const me = startPage('Agent desktop');
const $ = (id) => document.getElementById(id);

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

$('ready-button').addEventListener('click', () => changeState('ready'));
$('pause-button').addEventListener('click', () => changeState('paused'));

// --- the call on my phone -----------------------------------------------------------------

let call = null; // { popId, state, pop }

function onPopMessage(message) {
  if (message.type === 'pop') {
    call = { popId: message.pop.popId, state: message.state, pop: message.pop };
  } else if (call && message.popId === call.popId) {
    if (message.type === 'withdrawn') call = null;
    else if (message.type === 'ended') call.state = 'ended';
  }
  renderCall();
}

function renderCall() {
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
}

function accountCard(pop, account) {
  const address = account.address;
  return el('div', { class: 'account', id: 'pop-account' },
    el('h3', {}, el('span', { id: 'account-name' }, account.name), ' ',
      el('span', { class: 'badge', id: 'account-number' }, account.accountNumber),
      pop.resolvedBy === 'ivr-account' ? el('span', { class: 'badge ok' }, 'verified in IVR') : el('span', { class: 'badge' }, 'by caller ID')),
    address ? el('p', {}, [address.line1, address.line2, address.city, address.postcode].filter(Boolean).join(', ')) : null,
    el('div', { class: 'columns' },
      el('div', {}, el('h4', {}, 'Open cases'), account.openCases.length === 0 ? el('p', { class: 'muted' }, 'None')
        : el('ul', { id: 'open-cases' }, account.openCases.map((c) => el('li', {},
            el('a', { href: '#', onclick: (e) => { e.preventDefault(); openCase(c.id); } }, '#' + c.id + ' ' + c.category),
            ' — ' + c.status)))),
      el('div', {}, el('h4', {}, 'Next visit'), account.nextVisit
        ? el('p', {}, when(account.nextVisit.startsAt) + ' with ' + account.nextVisit.engineer)
        : el('p', { class: 'muted' }, 'None booked'),
        el('h4', {}, 'Last survey'), el('p', {}, account.lastCsat ? account.lastCsat.score + ' / 5' : '–'))),
    el('h4', {}, 'History'),
    el('ol', { class: 'history' }, account.history.slice(0, 8).map((h) => el('li', {},
      el('span', { class: 'muted' }, when(h.at, { dateStyle: 'medium' })), ' ', historyText(h)))),
    el('button', { id: 'new-case-button', onclick: () => newCaseForm(account, pop) }, 'New case from this call'));
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
  if (pop.candidates && pop.candidates.length > 0) {
    return el('div', { class: 'account' }, el('h3', {}, 'This number belongs to more than one account'),
      el('ul', {}, pop.candidates.map((c) => el('li', {}, c.accountNumber + ' — ' + c.name,
        el('button', { class: 'quiet', onclick: () => newCaseForm(c, pop) }, 'New case for this account')))));
  }
  return el('div', { class: 'account' }, el('h3', {}, 'Unknown caller'),
    el('p', { class: 'muted' }, pop.ivrAccountUnknown ? 'The account keyed in the IVR (' + pop.ivrAccount + ') does not exist.'
      : 'No account has this number. Ask for the account number.'));
}

// --- service request: case, slots, booking, customer advised --------------------------------

const CATEGORIES = ['boiler', 'heating', 'plumbing', 'electrical', 'appliance', 'billing', 'other'];

function message(text, good = false) {
  say($('case-message'), text || '', good);
}

function newCaseForm(account, pop) {
  message();
  const form = el('form', { id: 'new-case-form' },
    el('p', {}, 'For ', el('strong', {}, account.name), ' (' + account.accountNumber + ')'),
    el('label', {}, 'Category ', el('select', { name: 'category', id: 'case-category' },
      CATEGORIES.map((c) => el('option', { value: c }, c)))),
    el('label', {}, 'Priority ', el('select', { name: 'priority', id: 'case-priority' },
      ['normal', 'high', 'urgent', 'low'].map((p) => el('option', { value: p }, p)))),
    el('label', { class: 'wide' }, 'What the customer needs ', el('textarea', { name: 'description', id: 'case-description',
      rows: 3, maxlength: 5000, required: true })),
    el('button', { type: 'submit', id: 'create-case-button' }, 'Open case'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api('/api/cases', { method: 'POST', body: {
        accountNumber: account.accountNumber, callLinkedid: pop ? pop.linkedid : undefined,
        category: form.category.value, priority: form.priority.value, description: form.description.value } });
      if (created.held) {
        // the database is away: the opening is safe on the server's disk and becomes a case when it is back
        form.querySelectorAll('select, textarea, button').forEach((field) => { field.disabled = true; });
        message(created.message + ' Reference ' + created.reference + '.', true);
        return;
      }
      showCase(created);
      loadMyCases();
    } catch (error) {
      message(explain(error));
    }
  });
  fill($('case-area'), form);
}

async function openCase(id) {
  message();
  try {
    showCase(await api('/api/cases/' + id));
  } catch (error) {
    message(explain(error));
  }
}

function showCase(c) {
  const edit = el('form', { id: 'edit-case-form', class: 'inline' },
    el('select', { name: 'priority', 'aria-label': 'Priority' }, ['low', 'normal', 'high', 'urgent']
      .map((p) => el('option', { value: p, selected: p === c.priority }, p))),
    el('input', { name: 'description', value: c.description, maxlength: 5000, 'aria-label': 'Description', class: 'grow' }),
    el('button', { type: 'submit', class: 'quiet' }, 'Save'));
  edit.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      showCase(await api('/api/cases/' + c.id, { method: 'PATCH', ifMatch: c.version, body: {
        category: c.category, priority: edit.priority.value, description: edit.description.value } }));
      message('Saved.', true);
    } catch (error) {
      message(explain(error));
    }
  });
  fill($('case-area'),
    el('h3', { id: 'case-title' }, 'Case #' + c.id + ' — ' + c.category + ' ',
      el('span', { class: 'badge', id: 'case-status' }, c.status)),
    el('p', {}, c.accountName + ' (' + c.accountNumber + ') · opened ' + when(c.createdAt)),
    edit,
    el('div', { id: 'booking' },
      c.status === 'open' ? el('button', { id: 'find-slots-button', onclick: () => findSlots(c) }, 'Find a visit slot') : null));
}

async function findSlots(c) {
  message();
  try {
    const slots = await api('/api/cases/' + c.id + '/slots?limit=8');
    fill($('booking'), slots.length === 0 ? el('p', {}, 'No engineer with the skill is free in the next weeks.')
      : el('ul', { id: 'slots', class: 'slots' }, slots.map((s) => el('li', {},
          when(s.startsAt, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
          '–' + when(s.endsAt, { hour: '2-digit', minute: '2-digit' }) + ' · ' + s.engineer + ' ',
          el('button', { class: 'book', onclick: () => book(c, s) }, 'Book')))));
  } catch (error) {
    message(explain(error));
  }
}

async function book(c, slot) {
  message();
  try {
    const visit = await api('/api/cases/' + c.id + '/visits', { method: 'POST',
      body: { engineerId: slot.engineerId, startsAt: slot.startsAt } });
    const updated = await api('/api/cases/' + c.id);
    showCase(updated);
    showVisit(visit);
    loadMyCases();
  } catch (error) {
    message(explain(error));
    if (error.code === 'slot_taken') findSlots(c);
  }
}

function showVisit(visit) {
  const advised = visit.customerAdvisedAt
    ? el('p', { id: 'advised' }, 'Customer told on ' + when(visit.customerAdvisedAt) + ' by ' + visit.customerAdvisedVia + '.')
    : el('form', { id: 'advised-form', class: 'inline' }, 'Customer told the date by ',
        el('select', { name: 'via', 'aria-label': 'How the customer was told' },
          ['call', 'sms', 'email', 'letter'].map((v) => el('option', { value: v }, v))),
        el('button', { type: 'submit', id: 'advised-button' }, 'Record'));
  if (!visit.customerAdvisedAt) {
    advised.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        showVisit(await api('/api/visits/' + visit.id + '/advised', { method: 'POST', body: { via: advised.via.value } }));
      } catch (error) {
        message(explain(error));
      }
    });
  }
  fill($('booking'), el('p', { id: 'visit-booked', class: 'ok' }, 'Visit booked: ' + when(visit.startsAt) + ' with '
    + visit.engineer + '.'), advised);
}

// --- lists ------------------------------------------------------------------------------------

async function loadMyCases() {
  try {
    const cases = await api('/api/cases');
    fill($('my-cases'), cases.length === 0 ? el('p', { class: 'muted' }, 'None.') : el('table', {},
      el('tr', {}, el('th', {}, 'Case'), el('th', {}, 'Account'), el('th', {}, 'Status'), el('th', {}, 'Changed')),
      cases.map((c) => el('tr', {},
        el('td', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); openCase(c.id); } }, '#' + c.id + ' ' + c.category)),
        el('td', {}, c.accountName), el('td', {}, c.status), el('td', {}, when(c.updatedAt))))));
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
  feed('/api/agent/pops', onPopMessage, (state) => { $('feed-state').textContent = state; });
  loadState();
  loadMyCases();
  loadCallbacks();
  setInterval(loadState, 5000);
  setInterval(loadCallbacks, 30000);
}
