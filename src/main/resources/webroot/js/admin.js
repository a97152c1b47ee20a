// The admin's page: users and their roles, which agent phones ring whom, each queue's answer
// target, the engineers on the rota, and the audit of what admins changed.
import { api, startPage, el, fill, explain, say, onceReachable, when } from './api.js';
import { offerPasswordChange } from './password.js';

startPage('Admin');
offerPasswordChange();
const $ = (id) => document.getElementById(id);

// --- users and agents' phones ---------------------------------------------------------------

/** A table in a box of its own that scrolls sideways on a narrow screen, rather than the page. */
function scrolling(label, table) {
  return el('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}

/** A list that could not be loaded says why, and loads again by itself once Switchboard is back. */
function cannotLoad(node, error, load) {
  fill(node, el('p', { class: 'message' }, explain(error)));
  if (error.code === 'unreachable') onceReachable(load);
}

async function loadUsers() {
  try {
    const users = await api('/api/admin/users');
    fill($('users'), scrolling('Users', el('table', { id: 'user-list' },
      el('tr', {}, ['User', 'Name', 'Role', 'Active', 'Queue member', 'Phones'].map((h) => el('th', {}, h)),
        el('th', {}, el('span', { class: 'visually-hidden' }, 'Save'))),
      users.map(userRow))));
  } catch (error) {
    cannotLoad($('users'), error, loadUsers);
  }
}

/**
 * A user's row. Only agents have a queue member and phones: other roles show no phone fields,
 * and they appear when the role is changed to agent.
 */
function userRow(user) {
  const member = el('input', { value: user.memberName || '', 'aria-label': 'Queue member of ' + user.username, size: 10,
    'aria-describedby': 'phones-hint' });
  const phones = el('input', { value: user.interfaces.join(' '), 'aria-label': 'Phones of ' + user.username, size: 28,
    'aria-describedby': 'phones-hint' });
  const role = el('select', { 'aria-label': 'Role of ' + user.username }, ['agent', 'supervisor', 'dispatcher', 'admin']
    .map((r) => el('option', { value: r, selected: r === user.role }, r)));
  const active = el('input', { type: 'checkbox', checked: user.active, 'aria-label': user.username + ' is active' });
  const memberCell = el('td', { class: 'member' });
  const phonesCell = el('td', { class: 'phones' });
  const showPhoneFields = () => {
    const agent = role.value === 'agent';
    fill(memberCell, agent ? member : el('span', { class: 'muted' }, 'not an agent'));
    fill(phonesCell, agent ? phones : el('span', { class: 'muted' }, '–'));
  };
  role.addEventListener('change', showPhoneFields);
  showPhoneFields();
  const save = async () => {
    const change = { role: role.value, active: active.checked };
    if (role.value === 'agent') {
      change.memberName = member.value.trim() || null;
      change.interfaces = phones.value.split(/\s+/).filter(Boolean);
    }
    try {
      // one request: the role and the phones are saved together or not at all
      await api('/api/admin/users/' + user.id, { method: 'PATCH', body: change });
      // said once the list shows what was saved, so nothing typed after it is replaced by a late reload
      await loadUsers();
      say($('users-message'), 'Saved ' + user.username + '.', true);
      loadAudit();
    } catch (error) {
      say($('users-message'), user.username + ': ' + explain(error));
    }
  };
  return el('tr', { 'data-user': user.username },
    el('td', {}, user.username), el('td', {}, user.displayName), el('td', {}, role), el('td', {}, active),
    memberCell, phonesCell,
    el('td', {}, el('button', { class: 'quiet save-user', onclick: save, 'aria-label': 'Save ' + user.username }, 'Save')));
}

$('new-user-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const user = await api('/api/admin/users', { method: 'POST', body: { username: form.username.value.trim(),
      displayName: form.displayName.value.trim(), role: form.role.value, password: form.password.value } });
    form.reset();
    await loadUsers();
    say($('users-message'), 'Added ' + user.username + '.', true);
    loadAudit();
  } catch (error) {
    say($('users-message'), explain(error));
  }
});

// --- queues ---------------------------------------------------------------------------------

async function loadQueues() {
  try {
    const queues = await api('/api/admin/queues');
    fill($('queues'), queues.length === 0 ? el('p', { class: 'muted' }, 'No queue known yet: Asterisk reports them once connected.')
      : scrolling('Queues', el('table', { id: 'queue-list' },
        el('tr', {}, ['Queue', 'In force', 'From', 'Answer within (s)', 'Percent', 'Short abandon (s)'].map((h) => el('th', {}, h)),
          el('th', {}, el('span', { class: 'visually-hidden' }, 'Save'))),
        queues.map(queueRow))));
  } catch (error) {
    cannotLoad($('queues'), error, loadQueues);
  }
}

function queueRow(q) {
  const number = (value, label, step = 1) => el('input', { type: 'number', step, value: value ?? '', size: 5, 'aria-label': label + ' for ' + q.name,
    placeholder: 'inherit' });
  const seconds = number(q.adminSet.targetSeconds, 'Answer within');
  const percent = number(q.adminSet.targetPercent, 'Percent', 0.1);
  const shortAbandon = number(q.adminSet.shortAbandonSeconds, 'Short abandon');
  const value = (input) => (input.value === '' ? null : Number(input.value));
  const save = async () => {
    try {
      await api('/api/admin/queues/' + encodeURIComponent(q.name), { method: 'PUT', body: {
        targetSeconds: value(seconds), targetPercent: value(percent), shortAbandonSeconds: value(shortAbandon) } });
      say($('queues-message'), 'Saved the target of ' + q.name + '.', true);
      loadQueues();
      loadAudit();
    } catch (error) {
      say($('queues-message'), q.name + ': ' + explain(error));
    }
  };
  return el('tr', { 'data-queue': q.name }, el('td', {}, q.name),
    el('td', { class: 'in-force' }, q.targetPercent + ' % in ' + q.targetSeconds + ' s'), el('td', {}, q.targetSource),
    el('td', {}, seconds), el('td', {}, percent), el('td', {}, shortAbandon),
    el('td', {}, el('button', { class: 'quiet save-queue', onclick: save, 'aria-label': 'Save the target of ' + q.name }, 'Save')));
}

// --- engineers ------------------------------------------------------------------------------

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

async function loadEngineers() {
  try {
    const { engineers, regions, skills } = await api('/api/admin/engineers');
    const select = document.querySelector('#new-engineer-form select[name=homeRegion]');
    const chosen = select.value;
    fill(select, regions.map((r) => el('option', { value: r.code, selected: r.code === chosen }, r.name)));
    document.querySelector('#new-engineer-form input[name=skills]').title = 'Skills: ' + skills.map((s) => s.code).join(', ');
    fill($('engineers'), scrolling('Engineers', el('table', { id: 'engineer-list' },
      el('tr', {}, ['Name', 'Phone', 'Home', 'Regions', 'Skills', 'Hours', 'On the rota'].map((h) => el('th', {}, h))),
      engineers.map((e) => el('tr', { 'data-engineer': e.name },
        el('td', {}, e.name), el('td', {}, e.phone || ''), el('td', {}, e.homeRegion), el('td', {}, e.regions.join(' ')),
        el('td', {}, e.skills.join(' ')),
        el('td', {}, e.hours.map((h) => DAYS[h.weekday] + ' ' + h.start + '–' + h.end).join(', ')),
        el('td', {}, el('input', { type: 'checkbox', checked: e.active, 'aria-label': e.name + ' is on the rota',
          onchange: async (event) => {
            try {
              await api('/api/admin/engineers/' + e.id, { method: 'PATCH', body: { active: event.target.checked } });
              say($('engineers-message'), e.name + (event.target.checked ? ' is back on the rota.' : ' is off the rota.'), true);
              loadAudit();
            } catch (error) {
              say($('engineers-message'), explain(error));
            }
          } })))))));
  } catch (error) {
    cannotLoad($('engineers'), error, loadEngineers);
  }
}

$('new-engineer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const engineer = await api('/api/admin/engineers', { method: 'POST', body: { name: form.name.value.trim(),
      phone: form.phone.value.trim() || undefined, homeRegion: form.homeRegion.value,
      skills: form.skills.value.split(/\s+/).filter(Boolean) } });
    say($('engineers-message'), 'Added ' + engineer.name + '.', true);
    form.reset();
    loadEngineers();
    loadAudit();
  } catch (error) {
    say($('engineers-message'), explain(error));
  }
});

// --- audit ----------------------------------------------------------------------------------

const AUDIT_PAGE = 25;
let auditRows = null;
let auditNext = null;

/** A value of a changed field as text: nothing is "–", a list its items, a password only "changed". */
function shown(value) {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map(shown).join(' ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => k + ' ' + shown(v)).join(', ');
  return String(value);
}

/** Each changed field on a line of its own: "role: agent → supervisor" (a new subject: "role: agent"). */
function changeList(entry) {
  const fields = Object.keys(entry.after || {});
  return el('ul', { class: 'audit-change' }, fields.map((field) => el('li', {}, el('span', { class: 'muted' }, field + ': '),
    entry.before ? shown(entry.before[field]) + ' → ' + shown(entry.after[field]) : shown(entry.after[field]))));
}

function auditRow(entry) {
  const subject = entry.subject.kind + ' ' + (entry.subject.name ?? entry.subject.id ?? '');
  return el('tr', { 'data-audit': entry.id },
    el('td', {}, when(entry.at)), el('td', {}, entry.actor.name), el('td', {}, entry.address),
    el('td', {}, entry.action, el('br'), el('span', { class: 'muted' }, subject)), el('td', {}, changeList(entry)));
}

function auditQuery(before) {
  const filter = $('audit-filter');
  const query = new URLSearchParams({ limit: AUDIT_PAGE });
  if (filter.kind.value) query.set('kind', filter.kind.value);
  if (filter.actor.value.trim()) query.set('actor', filter.actor.value.trim());
  if (before) query.set('before', before);
  return '/api/admin/audit?' + query;
}

/** The newest changes (again), or with older: the page after the ones shown. */
async function loadAudit(older = false) {
  try {
    const page = await api(auditQuery(older ? auditNext : null));
    if (!older || !auditRows) {
      auditRows = el('tbody');
      fill($('audit'), page.entries.length === 0 ? el('p', { class: 'muted' }, 'No change recorded yet.')
        : scrolling('Audit', el('table', { id: 'audit-list' },
          el('thead', {}, el('tr', {}, ['When', 'Who', 'From', 'What', 'Before → after'].map((h) => el('th', { scope: 'col' }, h)))),
          auditRows)));
    }
    auditRows.append(...page.entries.map(auditRow));
    auditNext = page.nextBefore;
    $('audit-older').hidden = auditNext === null;
    say($('audit-message'), '');
  } catch (error) {
    if (older) say($('audit-message'), explain(error)); else cannotLoad($('audit'), error, () => loadAudit());
  }
}

$('audit-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  loadAudit();
});
$('audit-older').addEventListener('click', () => loadAudit(true));

loadUsers();
loadQueues();
loadEngineers();
loadAudit();
