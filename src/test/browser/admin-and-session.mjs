// The admin's page and what every page shares (api.js), in Debian's chromium on a phone-sized
// screen: an agent taking over a queue member of the demo data with its phone, a user saved whole
// or not at all, a proxy's HTML error page, the network going away and coming back, and a session
// that ends while the admin is typing; the audit of those changes, with a display name that holds
// markup shown as text; changing one's own password from the header of the admin page, the
// wallboard, dispatch and the agent desktop. Run by AdminAndSessionInTheBrowserTest, which seeds
// queue member Bob (no user yet, phones Local/1002@agents/n and PJSIP/1002) besides the call centre.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, shot, accessible, fitsWidth, addUser, savePhones, savedWithPhones, PHONE, BASE_URL, ADMIN_PASSWORD } from './lib.mjs';

/** A password the rule allows for the users added here (it holds none of their names). */
const NEW_USER_PASSWORD = 'Harbour-Lights-Glow-5';
/** What the admin changes their own password to at the end. */
const NEW_ADMIN_PASSWORD = 'Granite-Ferry-Morning-8';
/** A display name that would run a script if a page put it into HTML. */
const MARKUP_NAME = '"><img src=x onerror="window.__injected=1">';

// refusals this journey provokes on purpose: a wrong password, an ended session (also a feed's), a
// phone that is another user's, a proxy's 502, no network, a refused new password (422)
const EXPECTED_ERRORS = /(status of|response code:) (401|403|409|422|502)|ERR_INTERNET_DISCONNECTED|HTTP Authentication failed/;

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
  await theAuditShowsWhoChangedWhatAsText(admin);
  await theAdminChangesTheirOwnPassword(admin);
  await everySignedInPageOffersAPasswordChange(admin);
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
  await addUser(admin, { username: 'bea', displayName: 'BEA', role: 'agent', password: NEW_USER_PASSWORD });
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
  await form.locator('input[name=password]').fill(NEW_USER_PASSWORD);
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
  await form.locator('input[name=password]').fill(NEW_USER_PASSWORD);
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
  // the feed's ticket is refused for the ended session: the page asks for the password first
  await admin.locator('dialog#relogin').waitFor();
  assert.ok(!(await admin.evaluate(() => window.feedStates)).includes('live'), 'no feed while the session is over');
  await logInAgain(admin);
  await eventually('the feed is live with the new token', async () =>
    (await admin.evaluate(() => window.feedStates)).at(-1) === 'live');
  assert.notEqual(await tokenOf(admin), before);
  step('a feed refused for an ended session connected again with the new token after logging in');
}

/**
 * The audit lists the changes of this journey newest first, with who made them and from where; a
 * display name holding markup is shown as the text it is, and no script runs, no dialog opens.
 */
async function theAuditShowsWhoChangedWhatAsText(admin) {
  let dialogs = 0;
  admin.on('dialog', (dialog) => { dialogs += 1; dialog.dismiss().catch(() => {}); });
  await addUser(admin, { username: 'mel', displayName: MARKUP_NAME, role: 'supervisor', password: NEW_USER_PASSWORD });
  const list = admin.locator('#audit-list');
  await eventually('the audit shows mel being added', async () =>
    (await list.locator('tbody tr').first().textContent()).includes('user.create'));
  const newest = list.locator('tbody tr').first();
  assert.match(await newest.textContent(), /user\.create/);
  assert.match(await newest.locator('td').nth(1).textContent(), /^admin$/, 'who: the admin');
  assert.match(await newest.locator('td').nth(2).textContent(), /^127\.0\.0\.1$/, 'from: the browser\'s address');
  assert.ok((await newest.textContent()).includes('displayName: ' + MARKUP_NAME), 'the markup is shown as text');
  assert.match(await newest.textContent(), /password: changed/);
  assert.ok(!(await list.textContent()).includes(NEW_USER_PASSWORD), 'no password in the audit');
  assert.equal(await admin.locator('#audit-list img, #user-list img').count(), 0, 'no element made of the name');
  assert.equal(await admin.evaluate(() => window.__injected), undefined, 'no script ran');
  assert.equal(dialogs, 0, 'no dialog opened');
  const phones = list.locator('tbody tr', { hasText: 'user.change' }).filter({ hasText: 'bea' }).first();
  assert.match(await phones.textContent(), /memberName: – → Bob/);

  await admin.locator('#audit-filter select[name=kind]').selectOption('queue');
  await admin.locator('#audit-filter button[type=submit]').click();
  await eventually('only queue changes are listed', async () =>
    (await admin.locator('#audit').textContent()).includes('No change recorded yet.'));
  await admin.locator('#audit-filter select[name=kind]').selectOption('');
  await admin.locator('#audit-filter button[type=submit]').click();
  await list.waitFor();
  await checked(admin, 'the admin page with the audit');
  await shot(admin, 'admin-audit-phone');
  step('the audit shows who changed what, from where, before → after, markup as text and no password');
}

/** From the header: refused with the wrong current password and with a common one, then changed. */
async function theAdminChangesTheirOwnPassword(admin) {
  await admin.locator('#change-password').click();
  const dialog = admin.locator('dialog#password-dialog');
  await dialog.waitFor();
  assert.equal(await admin.evaluate(() => document.activeElement.id), 'password-current', 'the focus starts in the dialog');
  await checked(admin, 'the password dialog');
  const fill = async (current, chosen, again = chosen) => {
    await dialog.locator('#password-current').fill(current);
    await dialog.locator('#password-new').fill(chosen);
    await dialog.locator('#password-repeat').fill(again);
    await dialog.locator('#password-submit').click();
  };
  await fill('not the password', NEW_ADMIN_PASSWORD);
  await eventually('a wrong current password is refused', async () =>
    (await text(admin, '#password-message')).includes('currentPassword is not your current password'));
  await fill(ADMIN_PASSWORD, 'Password123456!');
  await eventually('a common password is refused', async () =>
    (await text(admin, '#password-message')).includes('common'));
  await fill(ADMIN_PASSWORD, NEW_ADMIN_PASSWORD, NEW_ADMIN_PASSWORD + 'x');
  await eventually('a repeat that differs is caught on the page', async () =>
    (await text(admin, '#password-message')) === 'The new password and its repeat differ.');
  await fill(ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
  await eventually('the password is changed', async () =>
    (await text(admin, '#password-message')) === 'Password changed. Your other sessions have ended.');
  await checked(admin, 'the password dialog after the change');
  await admin.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await admin.evaluate(() => document.activeElement.id), 'change-password', 'the focus returns to the button');
  const login = await fetch(BASE_URL + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: NEW_ADMIN_PASSWORD }) });
  assert.equal(login.status, 200, 'the new password logs in');
  await admin.reload();
  await eventually('the change is in the audit', async () =>
    (await text(admin, '#audit-list tbody tr')).includes('user.password'));
  step('the admin changed their own password from the header: wrong current and common ones refused');
}

/** The wallboard, dispatch and the agent desktop have the same control in their header. */
async function everySignedInPageOffersAPasswordChange(admin) {
  for (const page of ['/wallboard.html', '/dispatch.html']) {
    await admin.goto(BASE_URL + page);
    await admin.locator('header #change-password').click();
    await admin.locator('dialog#password-dialog').waitFor();
    await admin.keyboard.press('Escape');
    await admin.locator('dialog#password-dialog').waitFor({ state: 'detached' });
  }
  const agent = await open('agent', PHONE);
  await login(agent, 'alice', '/agent.html');
  await agent.locator('header #change-password').click();
  await agent.locator('dialog#password-dialog').waitFor();
  await checked(agent, 'the password dialog on the agent desktop');
  step('the wallboard, dispatch and the agent desktop offer the password change in their header');
}
