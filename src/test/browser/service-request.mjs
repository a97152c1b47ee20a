// One service request on the agent's desk, as Alice works it in Debian's chromium. Run by
// ServiceRequestInTheBrowserTest (the seeded call centre of BrowserStage: the recorded call rings
// Alice for Ada, account 10042, who has case #1 open and no visit booked). Exits 1 at the first
// failed check.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, shot, accessible, fitsWidth, PHONE, BASE_URL, PASSWORD, ADMIN_PASSWORD } from './lib.mjs';

const LIVE_WITHIN_MS = 5000;

await run(journey);

/** Counts the page's POST /api/cases requests and those that have finished (answered or failed). */
function watchOpenings(page) {
  const seen = { sent: 0, settled: 0 };
  const isOpening = (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/cases';
  page.on('request', (request) => { if (isOpening(request)) seen.sent += 1; });
  page.on('requestfinished', (request) => { if (isOpening(request)) seen.settled += 1; });
  page.on('requestfailed', (request) => { if (isOpening(request)) seen.settled += 1; });
  return seen;
}

/** Calls the API as the page's user (its token), or with another token. */
async function apiAs(page, path, { method = 'GET', body, token, ifMatch } = {}) {
  return page.evaluate(async ({ path, method, body, token, ifMatch }) => {
    const headers = { Accept: 'application/json', Authorization: 'Bearer ' + (token || sessionStorage.getItem('switchboard.token')) };
    if (body) headers['Content-Type'] = 'application/json';
    if (ifMatch !== undefined) headers['If-Match'] = '"' + ifMatch + '"';
    const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { path, method, body, token, ifMatch });
}

async function tokenOf(username, password) {
  const response = await fetch(BASE_URL + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }) });
  assert.equal(response.status, 200, username + ' logs in');
  return (await response.json()).token;
}

async function casesDescribed(page, description) {
  const { body } = await apiAs(page, '/api/cases');
  const cases = await Promise.all(body.map((c) => apiAs(page, '/api/cases/' + c.id)));
  return cases.map((r) => r.body).filter((c) => c.description === description);
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.id);
}

async function openNewCaseForm(page, description) {
  await page.click('#new-case-button');
  await page.selectOption('#case-category', 'boiler');
  await page.fill('#case-description', description);
}

async function journey() {
  const alice = await open('alice', undefined, { allowedErrors: /(status of|response code:) 40[13]|ERR_CONNECTION_RESET|net::ERR_FAILED/ });
  const openings = watchOpenings(alice);
  await login(alice, 'alice', '/agent.html');
  await eventually('alice\'s desk is live', async () => (await text(alice, '#feed-state')) === 'live');

  // the call: Ada's pop, with case #1 open and no visit
  await control('/call', 'POST');
  await eventually('Ada\'s pop shows', async () => (await alice.locator('#account-number').count()) === 1
    && (await text(alice, '#account-number')) === '10042', 20000);
  assert.match(await text(alice, '#open-cases'), /#1 heating/);
  assert.equal(await text(alice, '#next-visit'), 'None booked');
  await accessible(alice, 'the desk with Ada\'s pop');
  step('the call pops Ada with case #1 open and no visit booked');

  // bug: a double click opened two cases
  const first = 'Boiler pressure keeps dropping';
  await openNewCaseForm(alice, first);
  await accessible(alice, 'the new case form');
  await alice.dblclick('#create-case-button');
  await eventually('the case is open', async () => (await alice.locator('#case-status').count()) === 1
    && (await text(alice, '#case-status')) === 'open');
  await eventually('every opening sent has been answered', async () => openings.settled === openings.sent);
  const opened = await casesDescribed(alice, first);
  assert.equal(opened.length, 1, 'a double click opened ' + opened.length + ' cases');
  const caseId = opened[0].id;
  assert.equal(await focusedId(alice), 'find-slots-button', 'after opening a case the focus is on "Find a visit slot"');
  step('a double click on "Open case" opened one case, #' + caseId + ', and the focus went to "Find a visit slot"');

  const second = 'Thermostat display is blank';
  await openNewCaseForm(alice, second);
  const box = await alice.locator('#create-case-button').boundingBox();
  await alice.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await alice.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await eventually('the second case is open', async () => (await alice.locator('#case-title').count()) === 1);
  await eventually('every opening sent has been answered', async () => openings.settled === openings.sent);
  assert.equal((await casesDescribed(alice, second)).length, 1, 'two quick clicks opened more than one case');
  step('two quick clicks on "Open case" opened one case');

  // an answer that never arrived: the retry of the same form finds the case the first request opened
  const third = 'Pilot light goes out at night';
  await openNewCaseForm(alice, third);
  let disabledWhileSent = null;
  await alice.route('**/api/cases', async (route) => {
    disabledWhileSent = await alice.locator('#create-case-button').isDisabled();
    await route.fetch(); // the server opens the case ...
    await route.abort('connectionreset'); // ... and its answer is lost on the way
  }, { times: 1 });
  await alice.click('#create-case-button');
  await eventually('alice is told the answer did not arrive', async () => (await text(alice, '#case-message')).includes('cannot be reached'));
  assert.equal((await casesDescribed(alice, third)).length, 1, 'the lost answer\'s case was opened');
  assert.equal(disabledWhileSent, true, '"Open case" is disabled while its request runs');
  await alice.click('#create-case-button');
  await eventually('the retried case is open', async () => (await alice.locator('#case-status').count()) === 1);
  assert.equal((await casesDescribed(alice, third)).length, 1, 'the retry opened a second case');
  step('a retry after a lost answer finds the case the first request opened (Idempotency-Key)');

  // book from the pop's flow: the pop follows without a reload
  await eventually('the pop lists the new cases, without a reload', async () =>
    (await text(alice, '#open-cases')).includes('#' + caseId + ' boiler'), LIVE_WITHIN_MS);
  await alice.click('#pop-case-' + caseId);
  await eventually('case #' + caseId + ' is in the view', async () => (await text(alice, '#case-title')).startsWith('Case #' + caseId + ' '));
  await alice.click('#find-slots-button');
  await alice.locator('#slots .book').first().waitFor();
  await accessible(alice, 'the slot picker');
  const slot = (await text(alice, '#slots li')).replace(/\s*Book$/, '');
  await alice.locator('#slots .book').first().click();
  await alice.locator('#visit-booked').waitFor();
  await eventually('the case is scheduled', async () => (await text(alice, '#case-status')) === 'scheduled');
  // the live update may draw the visit before the booking's own answer moves the focus
  await eventually('after booking the focus is on "customer told"', async () => (await focusedId(alice)) === 'advised-via', 3000);
  await eventually('the pop shows the next visit and the case scheduled, without a reload', async () =>
    (await text(alice, '#next-visit')).includes('with Grace Engineer')
    && (await text(alice, '#open-cases')).includes('#' + caseId + ' boiler — scheduled'), LIVE_WITHIN_MS);
  await eventually('the case lists the booking\'s message to the customer (no SMS gateway here: it waits)', async () =>
    (await alice.locator('#case-messages').count()) === 1
    && /Visit booked — SMS to \+14155550101: waiting to go/.test(await text(alice, '#case-messages')), LIVE_WITHIN_MS);
  await accessible(alice, 'the case with its visit booked');
  step('alice booked "' + slot + '"; the pop\'s open cases and next visit followed without a reload');

  // she leaves the case, comes back to it from "My open cases"
  await alice.reload();
  await eventually('alice\'s desk is live again', async () => (await text(alice, '#feed-state')) === 'live');
  await alice.locator('#my-cases tr[data-case="' + caseId + '"] a').click();
  await alice.locator('#visit-booked').waitFor();
  assert.match(await text(alice, '#visit-booked'), /with Grace Engineer/);
  await alice.selectOption('#advised-via', 'sms');
  await alice.click('#advised-button');
  await eventually('the customer is recorded as told', async () => (await alice.locator('#advised').count()) === 1);
  assert.match(await text(alice, '#advised'), /^Customer told on .* by sms\.$/);
  step('reopened from "My open cases", the case shows its visit and takes "customer told"');

  // reschedule to an afternoon
  const before = await text(alice, '#visit-booked');
  await alice.click('#reschedule-button');
  await alice.locator('#slots .book').first().waitFor();
  await alice.selectOption('#slot-part', 'afternoon');
  await alice.click('#slot-search-button');
  await eventually('afternoon slots are listed', async () => (await alice.locator('#slots .book').count()) > 0
    && (await alice.locator('#slot-part').inputValue()) === 'afternoon');
  await accessible(alice, 'the reschedule picker');
  await alice.locator('#slots .book').first().click();
  await eventually('the visit moved', async () => (await alice.locator('#visit-booked').count()) === 1
    && (await text(alice, '#visit-booked')) !== before);
  await eventually('after rescheduling the focus is on "customer told"', async () => (await focusedId(alice)) === 'advised-via', 3000);
  const { body: timeline } = await apiAs(alice, '/api/cases/' + caseId + '/timeline');
  const booked = timeline.visits.filter((v) => v.status === 'booked');
  assert.equal(booked.length, 1, 'one visit is booked after the move');
  assert.ok(await alice.evaluate((at) => new Date(at).getHours() >= 12, booked[0].startsAt), 'the new visit is in the afternoon');
  const shownTimeline = await text(alice, '#case-timeline');
  for (const expected of ['Call from', 'Opened', 'Customer told', 'Visit moved']) {
    assert.ok(shownTimeline.includes(expected), 'the timeline shows "' + expected + '": ' + shownTimeline);
  }
  step('alice moved the visit to an afternoon; the timeline shows the call, the opening, the customer told and the move');

  // while she looks at it, the dispatcher records the engineer's report and the admin edits the case
  await alice.fill('#escalate-reason', 'Wants the manager to call');
  const dan = await tokenOf('dan', PASSWORD);
  const report = await apiAs(alice, '/api/visits/' + booked[0].id + '/report', { method: 'POST', token: dan,
    body: { outcome: 'fixed', workDone: 'Reset the pressure relief valve', minutesOnSite: 30 } });
  assert.equal(report.status, 200, 'dan records the report');
  await eventually('the report appears in alice\'s view without a reload', async () =>
    (await text(alice, '#case-status')) === 'visited'
    && (await text(alice, '#case-timeline')).includes('Reset the pressure relief valve'), LIVE_WITHIN_MS);
  assert.equal(await alice.locator('#escalate-reason').inputValue(), 'Wants the manager to call', 'what alice typed is kept');
  const admin = await tokenOf('admin', ADMIN_PASSWORD);
  const current = (await apiAs(alice, '/api/cases/' + caseId)).body;
  const edited = await apiAs(alice, '/api/cases/' + caseId, { method: 'PATCH', token: admin, ifMatch: current.version,
    body: { category: 'boiler', priority: 'high', description: 'Boiler pressure drops overnight' } });
  assert.equal(edited.status, 200, 'the admin edits the case');
  await eventually('the edit appears in alice\'s view without a reload', async () =>
    (await alice.locator('#edit-description').inputValue()) === 'Boiler pressure drops overnight', LIVE_WITHIN_MS);
  assert.equal(await alice.locator('#escalate-reason').inputValue(), 'Wants the manager to call', 'what alice typed is kept');
  await accessible(alice, 'the case after the live updates');
  await shot(alice, 'service-request');
  step('dan\'s report and the admin\'s edit appeared in alice\'s view within ' + LIVE_WITHIN_MS / 1000 + ' s; her typing was kept');

  // her session ends while she types: she logs in again on the page and her change is saved as typed
  const typed = 'Boiler pressure drops overnight; customer hears a click first';
  await alice.fill('#edit-description', typed);
  const ended = await apiAs(alice, '/api/logout', { method: 'POST' });
  assert.ok(ended.status === 200 || ended.status === 204, 'the session is ended from outside the page: ' + ended.status);
  await alice.click('#save-case-button');
  await alice.locator('dialog#relogin').waitFor();
  assert.ok(alice.url().endsWith('/agent.html'), 'alice stays on her desk: ' + alice.url());
  await accessible(alice, 'the log-in dialog on the desk');
  await alice.fill('#relogin-password', PASSWORD);
  await alice.click('#relogin-button');
  await eventually('the change alice typed before logging in again is saved', async () =>
    (await apiAs(alice, '/api/cases/' + caseId)).body.description === typed);
  assert.equal(await alice.locator('#escalate-reason').inputValue(), 'Wants the manager to call', 'what alice typed is kept');
  step('alice\'s session ended as she saved; she logged in again on the desk and her change was saved as typed');

  await caseActions(alice, second);

  // on a phone
  const phone = await open('alice-phone', PHONE);
  await login(phone, 'alice', '/agent.html');
  await phone.locator('#my-cases tr[data-case="' + caseId + '"] a').click();
  await phone.locator('#case-timeline').waitFor();
  await fitsWidth(phone, 'the service request on a phone');
  await accessible(phone, 'the service request on a phone');
  await phone.click('#find-slots-button');
  await phone.locator('#slots .book').first().waitFor();
  await fitsWidth(phone, 'the slot picker on a phone');
  await shot(phone, 'service-request-phone');
  step('on a 390 px phone the service request and its slot picker fit the width');
}

/** The case's events of one kind, through the API. */
async function eventsOf(page, caseId, kind) {
  const { body } = await apiAs(page, '/api/cases/' + caseId + '/timeline');
  return body.events.filter((e) => e.kind === kind);
}

async function statusOf(page, caseId) {
  return (await apiAs(page, '/api/cases/' + caseId)).body.status;
}

/** Waits for the view's message, its status badge and a timeline entry after an action. */
async function shows(page, what, { message, status, entry }) {
  await eventually(what, async () => (await text(page, '#case-message')).includes(message)
    && (await text(page, '#case-status')) === status
    && (await text(page, '#case-timeline')).includes(entry));
}

/** The local date (YYYY-MM-DD) in the browser's time zone, days from now. */
async function localDay(page, days) {
  return page.evaluate((days) => {
    const d = new Date(Date.now() + days * 86400000);
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }, days);
}

/**
 * The second case (Thermostat display is blank, boiler, open): the actions beside its timeline
 * that the first case's journey does not take — knowledge-base link, cancelling a visit, the
 * waitlist when nothing fits the promised date (Grace is away for three days, see the Java test),
 * state moves, escalation with a callback on alice's list, and "Solved it".
 */
async function caseActions(alice, description) {
  const [thermostat] = await casesDescribed(alice, description);
  const id = thermostat.id;
  await alice.locator('#my-cases tr[data-case="' + id + '"] a').click();
  await eventually('case #' + id + ' is in the view', async () => (await text(alice, '#case-title')).startsWith('Case #' + id + ' '));
  assert.equal(await text(alice, '#case-status'), 'open');
  assert.equal(await alice.locator('#escalate-reason').inputValue(), '', 'the escalation typed on case #1 stays with case #1');

  // knowledge base: the category's articles are suggested; one is linked
  const batteries = 'Blank thermostat display: replace the batteries';
  const reset = 'Resetting the boiler controller';
  await eventually('the category\'s articles are suggested', async () => {
    const kb = await text(alice, '#kb-suggestions');
    return kb.includes(batteries) && kb.includes(reset);
  });
  await alice.getByRole('button', { name: 'Link “' + batteries + '” to the case' }).click();
  await shows(alice, 'the article is linked', { message: 'Linked “' + batteries + '”.', status: 'open', entry: 'Article linked' });
  assert.equal(await text(alice, '#kb-suggestions li:has-text("' + batteries + '") .badge'), 'linked');
  const linked = (await apiAs(alice, '/api/cases/' + id + '/timeline')).body.articles;
  assert.deepEqual(linked.map((a) => [a.title, a.solvedIt]), [[batteries, false]], 'the timeline links the article, not as the solution');
  assert.equal((await eventsOf(alice, id, 'article-linked')).length, 1);
  assert.equal(await focusedId(alice), 'kb-title', 'after linking the focus is on the knowledge base');
  await accessible(alice, 'the case with an article linked');
  step('alice linked "' + batteries + '" from the suggestions; the view, the timeline and the API show it linked');

  // book a visit, then cancel it: the case is open again
  await alice.click('#find-slots-button');
  await alice.locator('#slots .book').first().click();
  await alice.locator('#visit-booked').waitFor();
  await eventually('the case is scheduled', async () => (await text(alice, '#case-status')) === 'scheduled');
  const visitId = (await apiAs(alice, '/api/cases/' + id + '/timeline')).body.visits.find((v) => v.status === 'booked').id;
  await alice.fill('#cancel-reason', 'Customer is away that week');
  await accessible(alice, 'the booked visit with its cancel form');
  await alice.click('#cancel-visit-button');
  await shows(alice, 'the visit is cancelled', { message: 'Visit cancelled.', status: 'open',
    entry: 'State scheduled → open: visit ' + visitId + ' cancelled: Customer is away that week' });
  assert.equal(await alice.locator('#visit-booked').count(), 0, 'no visit is shown as booked');
  await eventually('after cancelling the focus is on "Find a visit slot"', async () => (await focusedId(alice)) === 'find-slots-button', 3000);
  assert.equal(await statusOf(alice, id), 'open');
  const visits = (await apiAs(alice, '/api/cases/' + id + '/timeline')).body.visits;
  assert.deepEqual(visits.map((v) => [v.id, v.status]), [[visitId, 'cancelled']], 'the one visit is cancelled');
  await accessible(alice, 'the case after its visit was cancelled');
  step('alice booked a visit on case #' + id + ' and cancelled it with a reason; the case is open again, the visit cancelled');

  // promised by tomorrow, but Grace is away: no slot fits, the case goes on the waitlist
  const tomorrow = await localDay(alice, 1);
  await alice.click('#find-slots-button');
  await alice.locator('#slot-promised').waitFor();
  await alice.fill('#slot-promised', tomorrow);
  await alice.click('#slot-search-button');
  await alice.locator('#no-slots').waitFor();
  assert.match(await text(alice, '#no-slots'), /^No free slot before /);
  assert.equal(await alice.locator('#waitlist-date').inputValue(), tomorrow, 'the waitlist takes the promised date');
  await accessible(alice, 'no slot before the promised date, with the waitlist');
  await alice.click('#waitlist-button');
  await shows(alice, 'the case is on the waitlist', { message: 'On the waitlist', status: 'open', entry: 'On the waitlist: waiting for a visit by' });
  assert.equal(await alice.locator('#slot-picker').count(), 0, 'the picker is closed');
  assert.equal(await focusedId(alice), 'case-title', 'after the waitlist the focus is on the case');
  const waitlisted = await eventsOf(alice, id, 'waitlisted');
  assert.equal(waitlisted.length, 1, 'the waitlist is in the audit trail');
  const wantedBy = await alice.evaluate((day) => { const d = new Date(day + 'T00:00'); d.setDate(d.getDate() + 1); return d.getTime(); }, tomorrow);
  assert.equal(Date.parse(waitlisted[0].reason.replace('waiting for a visit by ', '')), wantedBy, 'wanted by the end of the promised day');
  const dan = await tokenOf('dan', PASSWORD);
  const waitlist = (await apiAs(alice, '/api/waitlist', { token: dan })).body;
  assert.deepEqual(waitlist.filter((w) => w.caseId === id).map((w) => Date.parse(w.wantedBy)), [wantedBy], 'the dispatcher sees the case waiting');
  await accessible(alice, 'the case on the waitlist');
  step('no slot fits the promise of ' + tomorrow + ' (Grace is away); alice put case #' + id + ' on the waitlist, which the dispatcher sees');

  // the move form: the states the case allows
  const moves = await alice.locator('#move-to option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(moves.sort(), ['cancelled', 'resolved', 'waiting_parts'], 'an open case moves to these by the form');
  await alice.selectOption('#move-to', 'waiting_parts');
  await alice.fill('#move-reason', 'Display unit ordered');
  await alice.click('#move-button');
  await shows(alice, 'the case waits for parts', { message: 'Now waiting parts.', status: 'waiting parts',
    entry: 'State open → waiting parts: Display unit ordered' });
  assert.equal(await statusOf(alice, id), 'waiting_parts');
  assert.equal(await alice.locator('#escalate-form').count(), 0, 'a case waiting for parts is not escalated');
  assert.deepEqual((await alice.locator('#move-to option').evaluateAll((options) => options.map((o) => o.value))).sort(),
    ['cancelled', 'open'], 'a case waiting for parts moves to these by the form');
  await accessible(alice, 'the case waiting for parts');
  await alice.selectOption('#move-to', 'open');
  await alice.fill('#move-reason', 'Part arrived');
  await alice.click('#move-button');
  await shows(alice, 'the case is open again', { message: 'Now open.', status: 'open', entry: 'State waiting parts → open: Part arrived' });
  assert.equal(await statusOf(alice, id), 'open');
  const moved = (await eventsOf(alice, id, 'status')).map((e) => [e.from, e.to, e.reason]);
  assert.deepEqual(moved.filter(([, , reason]) => reason === 'Display unit ordered' || reason === 'Part arrived').sort(),
    [['open', 'waiting_parts', 'Display unit ordered'], ['waiting_parts', 'open', 'Part arrived']]);
  step('alice moved case #' + id + ' to waiting for parts and back to open with the state form; each move is in the audit trail');

  // escalation: the case is escalated and the callback is on alice's list
  await alice.selectOption('#escalate-to', 'supervisor');
  await alice.fill('#escalate-reason', 'Second blank display this month');
  const due = await alice.locator('#escalate-due').inputValue();
  await alice.click('#escalate-button');
  await shows(alice, 'the case is escalated', { message: 'Escalated; callback due', status: 'escalated',
    entry: 'State open → escalated: escalated to supervisor: Second blank display this month' });
  assert.equal(await statusOf(alice, id), 'escalated');
  const callbacks = (await apiAs(alice, '/api/cases/' + id + '/timeline')).body.callbacks;
  assert.equal(callbacks.length, 1, 'one callback on the case');
  assert.equal(callbacks[0].status, 'pending');
  assert.equal(Date.parse(callbacks[0].dueAt), await alice.evaluate((due) => new Date(due).getTime(), due), 'due when alice said');
  const mine = (await apiAs(alice, '/api/callbacks?mine=true')).body;
  assert.deepEqual(mine.filter((c) => c.caseId === id).map((c) => [c.id, c.phone, c.assignee]),
    [[callbacks[0].id, '+14155550101', 'alice']], 'the callback is on alice\'s list');
  await eventually('the desk\'s callbacks list shows it', async () => (await text(alice, '#callbacks')).includes('case #' + id));
  assert.ok((await text(alice, '#case-timeline')).includes('Callback due'), 'the timeline shows the callback');
  await eventually('after escalating the focus is on the case\'s state', async () => (await focusedId(alice)) === 'case-status', 3000);
  await accessible(alice, 'the escalated case with its callback');
  step('alice escalated case #' + id + ' to a supervisor; the callback is on the case, on her list (API) and in the desk\'s Callbacks');

  // "Solved it" with the other article: resolved
  await alice.getByRole('button', { name: 'Solved it with “' + reset + '”' }).click();
  await shows(alice, 'the case is resolved with the article', { message: 'Resolved with “' + reset + '”.', status: 'resolved',
    entry: 'State escalated → resolved: resolved on the call with article' });
  assert.equal(await text(alice, '#kb-suggestions li:has-text("' + reset + '") .badge'), 'solved it');
  assert.equal(await statusOf(alice, id), 'resolved');
  const articles = (await apiAs(alice, '/api/cases/' + id + '/timeline')).body.articles;
  assert.deepEqual(articles.map((a) => [a.title, a.solvedIt]).sort(), [[batteries, false], [reset, true]]);
  assert.equal(await alice.locator('.solved-it').count(), 0, 'a resolved case offers no "Solved it"');
  await eventually('after "Solved it" the focus is on the case\'s state', async () => (await focusedId(alice)) === 'case-status', 3000);
  await accessible(alice, 'the case resolved with an article');
  step('alice resolved case #' + id + ' with "Solved it"; the article is linked as its solution');
}
