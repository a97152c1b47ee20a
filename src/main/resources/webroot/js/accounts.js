// Accounts on the agent's desk: finding one (the desk's search box, and the pop of a caller whose
// number matches no account or more than one), saying which account a caller is (adding the
// calling number to it when the agent ticks the box), opening a new account with the calling
// number, and the account page in the work column: details, phones, addresses, history, open
// cases and a new case that came by email, letter, in person, the web or social media.
import { api, el, fill, explain, say } from './api.js';
import { $, onSubmit, actionButton } from './desk.js';

/** How a case that is not a call reached us (POST /api/cases takes it as `channel`). */
export const CHANNELS = [['email', 'email'], ['letter', 'letter'], ['walk_in', 'walk-in'], ['web', 'web form'], ['social', 'social media']];
const PHONE_KINDS = ['mobile', 'home', 'work', 'other'];
const STATUSES = ['active', 'suspended', 'closed'];
const SEARCH_LIMIT = 10;

let hooks = { newCase: () => {}, openCase: () => {} };
let shownAccountId = null;

/** newCase(account, channel?) draws the new-case form; openCase(id) opens a case in the view. */
export function connect(given) {
  hooks = { ...hooks, ...given };
}

export function shownId() {
  return shownAccountId;
}

// --- searching ----------------------------------------------------------------------------

export async function search(query) {
  return api('/api/accounts?q=' + encodeURIComponent(query) + '&limit=' + SEARCH_LIMIT);
}

export function addressText(address) {
  return address ? [address.line1, address.line2, address.city, address.postcode].filter(Boolean).join(', ') : '';
}

function openCount(account) {
  const open = account.openCases;
  return Array.isArray(open) ? open.length : (open || 0);
}

function phonesText(account) {
  return (account.phones || []).map((p) => (typeof p === 'string' ? p : p.e164)).join(', ');
}

function summary(account) {
  const open = openCount(account);
  return [addressText(account.address || account.serviceAddress), phonesText(account),
    open === 0 ? 'no open case' : open + (open === 1 ? ' open case' : ' open cases')].filter(Boolean).join(' · ');
}

/**
 * A search form and its result list. action(account) is what each result offers: a control for
 * the account (a link to its page, a "this caller is" button).
 */
function searchBox({ id, label, action }) {
  const results = el('div', { id: id + '-results', class: 'account-results', 'aria-live': 'polite' });
  const form = el('form', { id: id + '-form', class: 'inline account-search', role: 'search' },
    el('label', {}, label, el('input', { type: 'search', name: 'q', id: id + '-query', required: true, maxlength: 200,
      autocomplete: 'off', placeholder: 'name, account number, phone or postcode' })),
    el('button', { type: 'submit', id: id + '-button', class: 'quiet' }, 'Search'));
  onSubmit(form, async () => {
    const query = form.q.value.trim();
    if (!query) return;
    try {
      const found = await search(query);
      fill(results, found.length === 0
        ? el('p', { class: 'muted' }, 'No account matches “' + query + '”.')
        : el('ul', { class: 'account-list' }, found.map((a) => el('li', { 'data-account': a.accountNumber },
          el('span', {}, el('strong', {}, a.name), ' (' + a.accountNumber + ')', el('br'), el('span', { class: 'muted' }, summary(a))),
          action(a)))));
    } catch (error) {
      fill(results, el('p', { class: 'message' }, explain(error)));
    }
  });
  return el('div', { class: 'account-finder' }, form, results);
}

/**
 * The desk's own search box (outside calls): each result opens the account's page; "New account"
 * for a customer who wrote or walked in.
 */
export function deskSearch() {
  const area = el('div', { id: 'desk-new-account-area' },
    actionButton({ id: 'desk-new-account-button', class: 'quiet' }, 'New account', async () => {
      fill($('desk-new-account-area'), newAccountForm(null, (account) => {
        fill($('desk-new-account-area'));
        showAccount(account.id);
      }, 'desk-new-account'));
      $('desk-new-account-name').focus();
    }));
  return el('div', {},
    searchBox({ id: 'desk-search', label: 'Find an account ', action: (a) =>
      el('a', { href: '#account-' + a.id, class: 'open-account', 'aria-label': 'Open account ' + a.accountNumber + ' (' + a.name + ')',
        onclick: (e) => { e.preventDefault(); showAccount(a.id); } }, 'Open') }),
    area);
}

// --- the caller nobody knows --------------------------------------------------------------

/**
 * What the pop offers for a caller whose number is on no account, or on more than one: search,
 * "this caller is account X" (adding the number when ticked), and "new account with this
 * number". chosen(account) follows with the account the agent settled on.
 */
export function callerFinder(pop, chosen) {
  const number = pop.callerE164;
  const status = el('p', { id: 'caller-status', class: 'message', role: 'status' });
  const addNumber = number ? el('label', { class: 'check' },
    el('input', { type: 'checkbox', id: 'add-caller-number' }), ' Add ' + number + ' to the account I choose') : null;
  const pick = async (account) => {
    say(status, '');
    try {
      const added = number && $('add-caller-number')?.checked;
      if (added) await addPhone(account.id, { number, kind: 'other', shared: false });
      chosen(account, added ? 'Added ' + number + ' to ' + account.name + ' (' + account.accountNumber + ').' : '');
    } catch (error) {
      say(status, explain(error));
    }
  };
  const candidates = pop.candidates && pop.candidates.length > 0 ? el('ul', { class: 'account-list' }, pop.candidates.map((c) =>
    el('li', { class: 'candidate' }, el('span', {}, el('strong', {}, c.name), ' (' + c.accountNumber + ')'),
      actionButton({ class: 'quiet', 'aria-label': 'This caller is ' + c.name + ' (' + c.accountNumber + ')' },
        'This caller is this account', () => chosen(c, ''))))) : null;
  const finder = searchBox({ id: 'caller-search', label: 'Search accounts ', action: (a) =>
    actionButton({ class: 'quiet this-caller', 'aria-label': 'This caller is ' + a.name + ' (' + a.accountNumber + ')' },
      'This caller is this account', () => pick(a)) });
  const newAccount = el('div', { id: 'new-account-area' },
    actionButton({ id: 'new-account-button', class: 'quiet' }, number ? 'New account with this number' : 'New account', async () => {
      fill($('new-account-area'), newAccountForm(number, (account) => chosen(account, 'Account ' + account.accountNumber + ' opened'
        + (number ? ' with ' + number : '') + '.')));
      $('new-account-name').focus();
    }));
  return el('div', { id: 'caller-finder', class: 'caller-finder' }, candidates, addNumber, finder, newAccount, status);
}

export async function addPhone(accountId, phone) {
  return api('/api/accounts/' + accountId + '/phones', { method: 'POST', body: phone });
}

// --- a new account --------------------------------------------------------------------------

/** The form for a new account; done(account) follows with the account made. */
export function newAccountForm(number, done, id = 'new-account') {
  const message = el('p', { id: id + '-message', class: 'message', role: 'alert' });
  const field = (label, attributes) => el('label', {}, label, el('input', { ...attributes, id: id + '-' + attributes.name }));
  const form = el('form', { id: id + '-form', class: 'stack new-account' },
    el('h4', {}, 'New account'),
    field('Name', { name: 'name', required: true, maxlength: 200 }),
    field('Email', { name: 'email', type: 'email', maxlength: 254 }),
    field('Phone', { name: 'phone', type: 'tel', value: number || '', placeholder: '+441632960123' }),
    el('label', {}, 'Phone kind', el('select', { name: 'kind', id: id + '-kind' },
      PHONE_KINDS.map((k) => el('option', { value: k }, k)))),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'shared', id: id + '-shared' }),
      ' Shared line (a household or office)'),
    field('Address', { name: 'line1', required: true, maxlength: 200 }),
    field('Address line 2', { name: 'line2', maxlength: 200 }),
    field('Town or city', { name: 'city', required: true, maxlength: 100 }),
    field('Postcode', { name: 'postcode', required: true, maxlength: 16 }),
    field('Region (if not the postcode\'s)', { name: 'region', maxlength: 32, placeholder: 'region code, e.g. sf' }),
    message,
    el('button', { type: 'submit', id: id + '-create' }, 'Open account'));
  return onSubmit(form, async () => {
    say(message, '');
    try {
      const phone = form.phone.value.trim();
      const account = await api('/api/accounts', { method: 'POST', body: {
        name: form.name.value.trim(), email: form.email.value.trim() || undefined, status: 'active',
        phones: phone ? [{ number: phone, kind: form.kind.value, shared: form.shared.checked }] : [],
        address: { line1: form.line1.value.trim(), line2: form.line2.value.trim() || undefined, city: form.city.value.trim(),
          postcode: form.postcode.value.trim(), region: form.region.value.trim() || undefined } } });
      done(account);
    } catch (error) {
      say(message, explain(error));
    }
  });
}

// --- the account page -------------------------------------------------------------------------

/** Shows the account in the work column and moves the focus to focusId (its name unless told; null: nowhere). */
export async function showAccount(id, focusId = 'account-title') {
  shownAccountId = id;
  const panel = $('account-panel');
  panel.hidden = false;
  say($('account-message'), '');
  try {
    const account = await api('/api/accounts/' + id);
    if (shownAccountId !== id) return;
    fill($('account-area'), accountPage(account));
    const target = focusId && $(focusId);
    if (target) target.focus();
  } catch (error) {
    fill($('account-area'));
    say($('account-message'), explain(error));
    $('account-panel-title').focus();
  }
}

export function closeAccount() {
  shownAccountId = null;
  $('account-panel').hidden = true;
  fill($('account-area'));
}

function accountPage(a) {
  const address = a.address || a.serviceAddress;
  const addresses = a.addresses || (address ? [address] : []);
  return [
    el('div', { class: 'sr-head' },
      el('h3', { id: 'account-title', tabindex: '-1' }, el('span', { id: 'account-page-name' }, a.name), ' ',
        el('span', { class: 'badge', id: 'account-page-number' }, a.accountNumber), ' ',
        el('span', { class: 'badge' + (a.status === 'active' ? ' ok' : '') }, a.status)),
      actionButton({ id: 'close-account-button', class: 'quiet', 'aria-label': 'Close account ' + a.accountNumber }, 'Close', async () => {
        closeAccount();
        $('desk-search-query')?.focus();
      })),
    el('div', { class: 'columns' },
      el('section', { 'aria-labelledby': 'account-details-title' }, el('h4', { id: 'account-details-title' }, 'Details'),
        el('p', { id: 'account-email' }, a.email ? a.email : el('span', { class: 'muted' }, 'No email')),
        detailsForm(a)),
      el('section', { 'aria-labelledby': 'account-phones-title' }, el('h4', { id: 'account-phones-title', tabindex: '-1' }, 'Phones'),
        phoneList(a), addPhoneForm(a))),
    el('section', { 'aria-labelledby': 'account-addresses-title' }, el('h4', { id: 'account-addresses-title' }, 'Addresses'),
      addresses.length === 0 ? el('p', { class: 'muted' }, 'None')
        : el('ul', { id: 'account-addresses' }, addresses.map((x) => el('li', {}, addressText(x))))),
    el('section', { 'aria-labelledby': 'account-open-title' }, el('h4', { id: 'account-open-title' }, 'Open cases'),
      !a.openCases || a.openCases.length === 0 ? el('p', { class: 'muted', id: 'account-open-cases' }, 'None')
        : el('ul', { id: 'account-open-cases' }, a.openCases.map((c) => el('li', {},
          el('a', { href: '#case-' + c.id, onclick: (e) => { e.preventDefault(); hooks.openCase(c.id); } }, '#' + c.id + ' ' + c.category),
          ' — ' + c.status.replace('_', ' '))))),
    el('section', { 'aria-labelledby': 'account-history-title' }, el('h4', { id: 'account-history-title' }, 'History'),
      !a.history || a.history.length === 0 ? el('p', { class: 'muted' }, 'Nothing yet.')
        : el('ol', { class: 'history', id: 'account-history' }, a.history.map((h) => el('li', {}, historyLine(h))))),
    newCaseStart(a),
  ];
}

function phoneList(a) {
  const phones = a.phones || [];
  if (phones.length === 0) return el('p', { class: 'muted', id: 'account-phones' }, 'None');
  return el('ul', { id: 'account-phones', class: 'account-list' }, phones.map((p) => el('li', {},
    el('span', {}, p.e164 + ' · ' + p.kind + (p.shared ? ' · shared' : '')),
    p.id === undefined ? null : actionButton({ class: 'quiet remove-phone', 'aria-label': 'Remove ' + p.e164 + ' from the account' },
      'Remove', () => removePhone(a, p)))));
}

/** Corrects the name, email or status; sent with the version it was drawn from, so another agent's change is not overwritten. */
function detailsForm(a) {
  const form = el('form', { id: 'account-details-form', class: 'stack' },
    el('label', {}, 'Name', el('input', { name: 'name', id: 'account-edit-name', required: true, maxlength: 200, value: a.name })),
    el('label', {}, 'Email', el('input', { name: 'email', id: 'account-edit-email', type: 'email', maxlength: 254, value: a.email || '' })),
    el('label', {}, 'Status', el('select', { name: 'status', id: 'account-edit-status' },
      STATUSES.map((x) => el('option', { value: x, selected: x === a.status }, x)))),
    el('button', { type: 'submit', id: 'account-save-button', class: 'quiet' }, 'Save details'));
  return onSubmit(form, async () => {
    try {
      await api('/api/accounts/' + a.id, { method: 'PATCH', ifMatch: a.version, body: {
        name: form.name.value.trim(), email: form.email.value.trim() || null, status: form.status.value } });
      await showAccount(a.id, 'account-save-button');
      say($('account-message'), 'Saved.', true);
    } catch (error) {
      say($('account-message'), explain(error));
    }
  });
}

/** Adds a phone to the account; a number that is exclusively another account's is refused, naming that account. */
function addPhoneForm(account) {
  const form = el('form', { id: 'add-phone-form', class: 'inline account-search' },
    el('label', {}, 'Add a phone', el('input', { type: 'tel', name: 'number', id: 'add-phone-number', required: true,
      maxlength: 16, placeholder: '+441632960123' })),
    el('label', {}, 'Kind', el('select', { name: 'kind', id: 'add-phone-kind' }, PHONE_KINDS.map((k) => el('option', { value: k }, k)))),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'shared', id: 'add-phone-shared' }), ' Shared line'),
    el('button', { type: 'submit', id: 'add-phone-button', class: 'quiet' }, 'Add'));
  return onSubmit(form, async () => {
    try {
      const number = form.number.value.trim();
      await addPhone(account.id, { number, kind: form.kind.value, shared: form.shared.checked });
      await showAccount(account.id, 'account-phones-title');
      say($('account-message'), number + ' added.', true);
    } catch (error) {
      say($('account-message'), explain(error));
    }
  });
}

async function removePhone(account, phone) {
  try {
    await api('/api/accounts/' + account.id + '/phones/' + phone.id, { method: 'DELETE' });
    await showAccount(account.id, 'account-phones-title');
    say($('account-message'), phone.e164 + ' removed.', true);
  } catch (error) {
    say($('account-message'), explain(error));
  }
}

function historyLine(h) {
  const at = el('span', { class: 'muted' }, h.at ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(h.at)) : '');
  if (h.kind === 'case') return [at, ' Case #' + h.caseId + ' ' + h.category + ' (' + h.status + ')'];
  if (h.kind === 'visit') return [at, ' Visit by ' + h.engineer + ' — ' + (h.outcome || h.status)];
  return [at, ' Call to ' + h.queue + ' — ' + (h.outcome || 'in progress') + (h.agent ? ' with ' + h.agent : '')];
}

/** "New case" on the account page: how it reached us, then the case form. */
function newCaseStart(account) {
  const form = el('form', { id: 'account-new-case-form', class: 'inline' },
    el('label', {}, 'New case that came by ', el('select', { name: 'channel', id: 'account-case-channel' },
      CHANNELS.map(([value, label]) => el('option', { value }, label)))),
    el('button', { type: 'submit', id: 'account-new-case-button' }, 'New case'));
  return onSubmit(form, async () => hooks.newCase(account, form.channel.value));
}
