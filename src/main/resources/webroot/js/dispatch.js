// The dispatcher's day: every engineer's visits in order, with the job and the address; an
// engineer's report is recorded here once the visit is done.
import { api, startPage, el, fill, explain, say, when } from './api.js';

startPage('Dispatch');
const $ = (id) => document.getElementById(id);
const day = $('day');

function isoDay(date) {
  return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0') + '-' + String(date.getDate()).padStart(2, '0');
}

async function load() {
  try {
    const plan = await api('/api/dispatch/visits?date=' + day.value);
    fill($('engineers'), plan.engineers.length === 0 ? el('p', { class: 'muted', id: 'no-visits' }, 'No visits on this day.')
      : plan.engineers.map((engineer) => el('section', { class: 'card engineer', 'data-engineer': engineer.name },
          el('h2', {}, engineer.name, ' ', el('span', { class: 'badge' }, engineer.visits.length + (engineer.visits.length === 1 ? ' visit' : ' visits'))),
          el('ol', {}, engineer.visits.map(visitCard)))));
  } catch (error) {
    fill($('engineers'), el('p', { class: 'refused card', id: 'refused' }, explain(error)));
  }
}

function visitCard(visit) {
  const time = when(visit.startsAt, { hour: '2-digit', minute: '2-digit' }) + '–' + when(visit.endsAt, { hour: '2-digit', minute: '2-digit' });
  const item = el('li', { class: 'visit ' + visit.status, 'data-visit': visit.id },
    el('div', {}, el('strong', {}, time), ' · case #' + visit.caseId + ' ' + visit.category + ' ',
      el('span', { class: 'badge' }, visit.reportOutcome ? 'reported: ' + visit.reportOutcome : visit.status),
      visit.customerAdvised ? '' : el('span', { class: 'badge warn' }, 'customer not told')),
    el('div', {}, visit.accountName + ' (' + visit.accountNumber + ') — ' + (visit.address || 'no address')),
    el('div', { class: 'muted' }, visit.description));
  if (visit.status === 'booked') {
    item.append(el('button', { class: 'quiet report-button', onclick: () => item.append(reportForm(visit)) }, 'Record report'));
  }
  return item;
}

function reportForm(visit) {
  const form = el('form', { class: 'report-form' },
    el('label', {}, 'Outcome ', el('select', { name: 'outcome' },
      [['fixed', 'Fixed'], ['follow_up', 'Needs another visit'], ['no_access', 'No access'], ['not_home', 'Customer not home']]
        .map(([v, label]) => el('option', { value: v }, label)))),
    el('label', {}, 'Minutes on site ', el('input', { name: 'minutes', type: 'number', min: 0, max: 1440, value: 60, required: true })),
    el('label', { class: 'wide' }, 'Work done ', el('textarea', { name: 'workDone', rows: 2, maxlength: 5000, required: true })),
    el('label', { class: 'wide' }, 'Parts used ', el('input', { name: 'partsUsed', maxlength: 2000 })),
    el('button', { type: 'submit' }, 'Save report'), el('p', { class: 'message', role: 'alert' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/api/visits/' + visit.id + '/report', { method: 'POST', body: { outcome: form.outcome.value,
        minutesOnSite: Number(form.minutes.value), workDone: form.workDone.value, partsUsed: form.partsUsed.value || undefined } });
      say($('day-message'), 'Report saved for visit ' + visit.id + '.', true);
      load();
    } catch (error) {
      form.querySelector('.message').textContent = explain(error);
    }
  });
  return form;
}

function show(date) {
  $('day-message').textContent = '';
  day.value = date;
  load();
}

function shift(days) {
  const d = new Date(day.value + 'T12:00:00');
  d.setDate(d.getDate() + days);
  show(isoDay(d));
}

day.value = isoDay(new Date());
day.addEventListener('change', () => show(day.value));
$('previous-day').addEventListener('click', () => shift(-1));
$('next-day').addEventListener('click', () => shift(1));
load();
