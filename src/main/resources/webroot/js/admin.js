// The admin's page: users and their roles, which agent phones ring whom, each queue's answer
// target, and the engineers on the rota.
import { api, startPage, el, fill, explain, say } from './api.js';

startPage('Admin');
const $ = (id) => document.getElementById(id);

// --- users and agents' phones ---------------------------------------------------------------

async function loadUsers() {
  try {
    const users = await api('/api/admin/users');
    fill($('users'), el('table', { id: 'user-list' },
      el('tr', {}, ['User', 'Name', 'Role', 'Active', 'Queue member', 'Phones', ''].map((h) => el('th', {}, h))),
      users.map(userRow)));
  } catch (error) {
    fill($('users'), el('p', { class: 'refused', id: 'refused' }, explain(error)));
  }
}

function userRow(user) {
  const member = el('input', { value: user.memberName || '', 'aria-label': 'Queue member of ' + user.username, size: 10 });
  const phones = el('input', { value: user.interfaces.join(' '), 'aria-label': 'Phones of ' + user.username, size: 28,
    placeholder: 'PJSIP/alice Local/1001@agents/n' });
  const role = el('select', { 'aria-label': 'Role of ' + user.username }, ['agent', 'supervisor', 'dispatcher', 'admin']
    .map((r) => el('option', { value: r, selected: r === user.role }, r)));
  const active = el('input', { type: 'checkbox', checked: user.active, 'aria-label': user.username + ' is active' });
  const save = async () => {
    try {
      await api('/api/admin/users/' + user.id, { method: 'PATCH', body: { role: role.value, active: active.checked } });
      const name = member.value.trim();
      await api('/api/admin/users/' + user.id + '/phone', { method: 'PUT', body: {
        memberName: name || null, interfaces: phones.value.split(/\s+/).filter(Boolean) } });
      say($('users-message'), 'Saved ' + user.username + '.', true);
      loadUsers();
    } catch (error) {
      say($('users-message'), user.username + ': ' + explain(error));
    }
  };
  return el('tr', { 'data-user': user.username },
    el('td', {}, user.username), el('td', {}, user.displayName), el('td', {}, role), el('td', {}, active),
    el('td', {}, member), el('td', {}, phones), el('td', {}, el('button', { class: 'quiet save-user', onclick: save }, 'Save')));
}

$('new-user-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const user = await api('/api/admin/users', { method: 'POST', body: { username: form.username.value.trim(),
      displayName: form.displayName.value.trim(), role: form.role.value, password: form.password.value } });
    say($('users-message'), 'Added ' + user.username + '.', true);
    form.reset();
    loadUsers();
  } catch (error) {
    say($('users-message'), explain(error));
  }
});

// --- queues ---------------------------------------------------------------------------------

async function loadQueues() {
  try {
    const queues = await api('/api/admin/queues');
    fill($('queues'), queues.length === 0 ? el('p', { class: 'muted' }, 'No queue known yet: Asterisk reports them once connected.')
      : el('table', { id: 'queue-list' },
        el('tr', {}, ['Queue', 'In force', 'From', 'Answer within (s)', 'Percent', 'Short abandon (s)', ''].map((h) => el('th', {}, h))),
        queues.map(queueRow)));
  } catch (error) {
    fill($('queues'), el('p', { class: 'message' }, explain(error)));
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
    } catch (error) {
      say($('queues-message'), q.name + ': ' + explain(error));
    }
  };
  return el('tr', { 'data-queue': q.name }, el('td', {}, q.name),
    el('td', { class: 'in-force' }, q.targetPercent + ' % in ' + q.targetSeconds + ' s'), el('td', {}, q.targetSource),
    el('td', {}, seconds), el('td', {}, percent), el('td', {}, shortAbandon),
    el('td', {}, el('button', { class: 'quiet save-queue', onclick: save }, 'Save')));
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
    fill($('engineers'), el('table', { id: 'engineer-list' },
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
            } catch (error) {
              say($('engineers-message'), explain(error));
            }
          } }))))));
  } catch (error) {
    fill($('engineers'), el('p', { class: 'message' }, explain(error)));
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
  } catch (error) {
    say($('engineers-message'), explain(error));
  }
});

loadUsers();
loadQueues();
loadEngineers();
