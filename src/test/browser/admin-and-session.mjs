// The admin's page and what every page shares (api.js), in Debian's chromium on a phone-sized
// screen: an agent taking over a queue member of the demo data with its phone, a user saved whole
// or not at all, a proxy's HTML error page, the network going away and coming back, and a session
// that ends while the admin is typing. Run by AdminAndSessionInTheBrowserTest, which seeds queue
// member Bob (no user yet, phones Local/1002@agents/n and PJSIP/1002) besides the call centre.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, shot, accessible, fitsWidth, addUser, savePhones, savedWithPhones, PHONE, BASE_URL, ADMIN_PASSWORD } from './lib.mjs';

// refusals this journey provokes on purpose: a wrong password, an ended session (also a feed's), a
// phone that is another user's, a proxy's 502, no network
const EXPECTED_ERRORS = /(status of|response code:) (401|403|409|502)|ERR_INTERNET_DISCONNECTED|HTTP Authentication failed/;

await run(journey);

async function journey() {
  await theLoginPage();
  const admin = await open('admin', PHONE, { allowedErrors: EXPECTED_ERRORS });
  await login(admin, 'admin', '/admin.html', ADMIN_PASSWORD);
  await admin.locator('#user-list [data-user=alice]').waitFor();
  await checked(admin, 'the admin page on a phone');

  await onlyAgentsHavePhoneFields(admin);
  await aNewAgentTakesOverADemoMember(admin);
  await aPhoneOfAnotherUserIsRefusedAndNothingIsSaved(admin);
  await aProxysErrorPageIsSaidInPlainWords(admin);
  await theOfflineMessageClearsItselfWhenTheNetworkIsBack(admin);
  await anEndedSessionIsRenewedInPlaceAndTheSaveCompletes(admin);
  await aFeedRefusedForAnEndedSessionUsesTheNewToken(admin);
}

/** axe-core and the width check on the page as it is now. */
async function checked(page, what) {
  await accessible(page, what);
  await fitsWidth(page, what);
  step(what + ' fits a ' + PHONE.width + ' px screen');
}

async function theLoginPage() {
  const page = await open('login', PHONE, { allowedErrors: EXPECTED_ERRORS });
  await page.goto(BASE_URL + '/');
  await checked(page, 'the login page on a phone');
  await page.fill('#username', 'admin');
  await page.fill('#password', 'not the password');
  await page.click('#login-button');
  await eventually('a wrong password is refused', async () => (await text(page, '#login-message')).length > 0);
  await checked(page, 'the login page with a refusal');
  await shot(page, 'login-phone');
}

async function onlyAgentsHavePhoneFields(admin) {
  const sue = admin.locator('#user-list [data-user=sue]');
  assert.equal(await sue.locator('input[aria-label^="Phones"]').count(), 0, 'a supervisor has no phone field');
  assert.equal(await sue.locator('input[aria-label^="Queue member"]').count(), 0, 'a supervisor has no queue member field');
  assert.match(await text(admin, '#user-list [data-user=sue] .member'), /not an agent/);
  assert.equal(await admin.locator('#user-list input[placeholder]').count(), 0, 'no example text that looks like data');
  assert.equal(await admin.locator('#user-list [data-user=alice] input[aria-label^="Phones"]').inputValue(),
    'Local/1001@agents/n');
  step('only agents\' rows have phone fields, none with example text in them');
}

/** The README's way: a user with role agent, queue member Bob and phone Local/1002@agents/n. */
async function aNewAgentTakesOverADemoMember(admin) {
  await addUser(admin, { username: 'bea', displayName: 'BEA', role: 'agent', password: 'bea-password-1' });
  await savePhones(admin, 'bea', 'Bob', 'Local/1002@agents/n');
  await savedWithPhones(admin, 'bea', 'Bob', 'Local/1002@agents/n');
  step('a new agent takes over the demo member Bob with its phone');
}

/** sue becomes an agent on carol's phone: refused, and sue stays a supervisor. */
async function aPhoneOfAnotherUserIsRefusedAndNothingIsSaved(admin) {
  const sue = admin.locator('#user-list [data-user=sue]');
  await sue.locator('select').selectOption('agent');
  await savePhones(admin, 'sue', 'Sue', 'Local/1003@agents/n');
  await eventually('the refusal names whose phone it is', async () => (await text(admin, '#users-message'))
    === 'sue: Phone Local/1003@agents/n already rings queue member Carol (user carol); take it off their phones first.');
  const users = await (await fetch(BASE_URL + '/api/admin/users', { headers: { Authorization: 'Bearer ' + await tokenOf(admin) } })).json();
  const saved = users.find((u) => u.username === 'sue');
  assert.equal(saved.role, 'supervisor', 'the role of a refused save is not saved');
  assert.equal(saved.memberName, null);
  await checked(admin, 'the admin page with a refused save');
  step('a save whose phone is refused leaves the role as it was');
}

async function aProxysErrorPageIsSaidInPlainWords(admin) {
  await admin.route('**/api/admin/users', (route) => (route.request().method() === 'POST'
    ? route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' })
    : route.fallback()));
  const form = admin.locator('#new-user-form');
  await form.locator('input[name=username]').fill('gil');
  await form.locator('input[name=displayName]').fill('Gil');
  await form.locator('input[name=password]').fill('gil-password-1');
  await form.locator('button[type=submit]').click();
  await eventually('the 502 is said in plain words', async () => (await text(admin, '#users-message'))
    === 'Switchboard\'s server did not answer properly (502 Bad Gateway); try again in a moment.');
  await admin.unroute('**/api/admin/users');
  await form.locator('input[name=username]').fill('');
  await form.locator('input[name=displayName]').fill('');
  await form.locator('input[name=password]').fill('');
  step('a proxy\'s HTML error page is explained, not shown as a JSON error');
}

async function theOfflineMessageClearsItselfWhenTheNetworkIsBack(admin) {
  await admin.context().setOffline(true);
  await admin.locator('#user-list [data-user=bea] .save-user').click();
  await eventually('the page says Switchboard cannot be reached', async () =>
    (await text(admin, '#users-message')) === 'bea: Switchboard cannot be reached; check the network. This clears by itself once it is back.'
    && await admin.locator('#connection').isVisible());
  await checked(admin, 'the admin page offline');
  await shot(admin, 'admin-offline-phone');
  await admin.context().setOffline(false);
  await eventually('the offline messages clear themselves', async () =>
    !(await admin.locator('#connection').isVisible()) && (await text(admin, '#users-message')) === '');
  await admin.locator('#user-list [data-user=bea] .save-user').click();
  await eventually('a save works again', async () => (await text(admin, '#users-message')) === 'Saved bea.');
  step('the offline banner and message clear themselves once the network is back');
}

async function tokenOf(page) {
  return page.evaluate(() => sessionStorage.getItem('switchboard.token'));
}

/** Ends the page's session on the server, from outside the page, as an expiry would. */
async function endSession(page) {
  const response = await fetch(BASE_URL + '/api/logout', { method: 'POST',
    headers: { Authorization: 'Bearer ' + await tokenOf(page) } });
  assert.equal(response.status, 204, 'logout answered ' + response.status);
}

async function logInAgain(admin) {
  const dialog = admin.locator('dialog#relogin');
  await dialog.waitFor();
  assert.equal(await dialog.locator('input[name=username]').inputValue(), 'admin');
  assert.ok(await dialog.locator('input[name=username]').getAttribute('readonly') !== null, 'the user name is fixed');
  await dialog.locator('input[name=password]').fill(ADMIN_PASSWORD);
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
}

async function anEndedSessionIsRenewedInPlaceAndTheSaveCompletes(admin) {
  const form = admin.locator('#new-user-form');
  await form.locator('input[name=username]').fill('dee');
  await form.locator('input[name=displayName]').fill('Dee Typed-Before-Expiry');
  await form.locator('select[name=role]').selectOption('dispatcher');
  await form.locator('input[name=password]').fill('dee-password-1');
  await endSession(admin);
  await form.locator('button[type=submit]').click();
  await admin.locator('dialog#relogin').waitFor();
  assert.ok(admin.url().endsWith('/admin.html'), 'still on the admin page');
  await checked(admin, 'the log-in-again dialog');
  await shot(admin, 'admin-relogin-phone');
  await logInAgain(admin);
  await eventually('the save sent before the session ended completes', async () =>
    (await text(admin, '#users-message')) === 'Added dee.'
    && (await admin.locator('#user-list [data-user=dee]').count()) === 1);
  assert.match(await text(admin, '#user-list [data-user=dee]'), /Dee Typed-Before-Expiry/);
  step('an ended session: logged in again in a dialog on the page, and the typed user was added');
}

/** A feed refused for an ended session asks for the password, then connects with the new token. */
async function aFeedRefusedForAnEndedSessionUsesTheNewToken(admin) {
  await endSession(admin);
  const before = await tokenOf(admin);
  await admin.evaluate(async () => {
    const { feed } = await import('/js/api.js');
    window.feedStates = [];
    feed('/api/queues/live', () => {}, (state) => window.feedStates.push(state));
  });
  await logInAgain(admin);
  await eventually('the feed is live with the new token', async () =>
    (await admin.evaluate(() => window.feedStates)).at(-1) === 'live');
  assert.notEqual(await tokenOf(admin), before);
  assert.deepEqual((await admin.evaluate(() => window.feedStates)).slice(0, 1), ['reconnecting']);
  step('a feed refused for an ended session connected again with the new token after logging in');
}
