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
