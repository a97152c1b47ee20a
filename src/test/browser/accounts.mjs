// Accounts on the agent's desk, as Alice works them in Debian's chromium. Run by
// AccountsInTheBrowserTest: the seeded call centre of BrowserStage without Ada's phone, and the
// recorded call without the account the caller keys in the IVR, so the call from +14155550101
// is an unknown caller. Exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, shot, accessible, fitsWidth, PHONE } from './lib.mjs';

const CALLER = '+14155550101';

await run(journey);

/** Calls the API as the page's user. */
async function apiAs(page, path, { method = 'GET', body } = {}) {
  return page.evaluate(async ({ path, method, body }) => {
    const headers = { Accept: 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('switchboard.token') };
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { path, method, body });
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.id);
}

async function search(page, form, query) {
  await page.fill('#' + form + '-query', query);
  await page.click('#' + form + '-button');
}

async function bookFirstSlot(page) {
  await page.click('#find-slots-button');
  await eventually('free slots are listed', async () => (await page.locator('#slots .book').count()) > 0, 15000);
  await page.locator('#slots .book').first().click();
  await eventually('the visit is booked', async () => (await page.locator('#visit-booked').count()) === 1, 15000);
}

async function journey() {
  const alice = await open('alice', undefined, { allowedErrors: /(status of|response code:) (40[13]|409)/ });
  await login(alice, 'alice', '/agent.html');
  await eventually('alice\'s desk is live', async () => (await text(alice, '#feed-state')) === 'live');

  await deskSearchOpensTheAccountPage(alice);
  await detailsAreCorrected(alice);
  await aLetterBecomesACaseOnTheAccount(alice);
  await aPhoneOfAnotherAccountIsRefusedByName(alice);
  await anAccountForSomeoneWhoWroteIn(alice);
  await theUnknownCallerIsLinkedToAda(alice);
  await theDeskFitsAPhone(alice);
}

async function deskSearchOpensTheAccountPage(alice) {
  assert.equal(await alice.locator('#account-panel').isVisible(), false, 'no account is shown before a search');
  await search(alice, 'desk-search', 'Babbage');
  await eventually('Babbage is found', async () => (await alice.locator('#desk-search-results li').count()) === 1);
  assert.match(await text(alice, '#desk-search-results li'), /Charles Babbage \(10043\)/);
  assert.match(await text(alice, '#desk-search-results li'), /3 Difference Row/);
  await accessible(alice, 'the desk with a search result');
  await alice.click('#desk-search-results .open-account');
  await eventually('the account page shows', async () => (await alice.locator('#account-page-number').count()) === 1
    && (await text(alice, '#account-page-number')) === '10043');
  assert.equal(await focusedId(alice), 'account-title', 'the focus moves to the account');
  assert.equal(await text(alice, '#account-page-name'), 'Charles Babbage');
  assert.match(await text(alice, '#account-phones'), /\+14155550102/);
  assert.match(await text(alice, '#account-addresses'), /3 Difference Row, San Francisco, 94107/);
  assert.match(await text(alice, '#account-open-cases'), /#2 plumbing — scheduled/);
  await accessible(alice, 'the account page');
  step('the desk\'s search finds Charles Babbage and opens his page: phones, address, open case #2');
}

async function detailsAreCorrected(alice) {
  await alice.fill('#account-edit-email', 'charles@example.org');
  await alice.click('#account-save-button');
  await eventually('the details are saved', async () => (await text(alice, '#account-message')) === 'Saved.');
  assert.equal(await text(alice, '#account-email'), 'charles@example.org');
  const { body } = await apiAs(alice, '/api/accounts/2');
  assert.equal(body.email, 'charles@example.org');
  step('Babbage\'s email is saved from his page');
}

async function aLetterBecomesACaseOnTheAccount(alice) {
  await alice.selectOption('#account-case-channel', 'letter');
  await alice.click('#account-new-case-button');
  assert.equal(await alice.inputValue('#case-channel'), 'letter', 'the case form keeps how the case came');
  await alice.selectOption('#case-category', 'plumbing');
  await alice.fill('#case-description', 'Letter: the outside tap drips since the visit');
  await alice.click('#create-case-button');
  await eventually('the case is open', async () => (await alice.locator('#case-status').count()) === 1);
  const id = Number((await text(alice, '#case-title')).match(/#(\d+)/)[1]);
  const { body } = await apiAs(alice, '/api/cases/' + id);
  assert.equal(body.channel, 'letter');
  assert.equal(body.accountNumber, '10043');
  assert.match(await text(alice, '#case-area'), /via letter/);
  await eventually('the account page lists the new case', async () => (await text(alice, '#account-open-cases')).includes('#' + id + ' plumbing'));
  step('a letter becomes case #' + id + ' on Babbage\'s account, channel letter');

  assert.equal(await text(alice, '#case-messages'), 'None sent.');
  await bookFirstSlot(alice);
  await eventually('the visit message shows', async () => /Visit booked — email to charles@example\.org: waiting to go/
    .test(await text(alice, '#case-messages')));
  step('the visit booked on it is e-mailed to Babbage: "' + await text(alice, '#case-messages li') + '" (no SMTP server here)');
}

async function aPhoneOfAnotherAccountIsRefusedByName(alice) {
  // Babbage's own number is exclusively his: adding it to Ada is refused, naming him
  await search(alice, 'desk-search', '10042');
  await eventually('Ada is found', async () => (await text(alice, '#desk-search-results')).includes('Ada Lovelace'));
  await alice.click('#desk-search-results .open-account');
  await eventually('Ada\'s page shows', async () => (await text(alice, '#account-page-number')) === '10042');
  await alice.fill('#add-phone-number', '+14155550102');
  await alice.click('#add-phone-button');
  await eventually('the refusal names Babbage', async () => /10043|Babbage/.test(await text(alice, '#account-message')));
  assert.doesNotMatch(await text(alice, '#account-phones'), /\+14155550102/);
  step('a number that is Babbage\'s alone is not added to Ada: "' + await text(alice, '#account-message') + '"');
}

async function anAccountForSomeoneWhoWroteIn(alice) {
  await alice.click('#desk-new-account-button');
  assert.equal(await focusedId(alice), 'desk-new-account-name');
  await alice.fill('#desk-new-account-name', 'Mary Somerville');
  await alice.fill('#desk-new-account-email', 'mary@example.org');
  await alice.fill('#desk-new-account-phone', '+14155550177');
  await alice.fill('#desk-new-account-line1', '1 Connexion Court');
  await alice.fill('#desk-new-account-city', 'San Francisco');
  await alice.fill('#desk-new-account-postcode', '94110');
  await alice.fill('#desk-new-account-region', 'sf');
  await accessible(alice, 'the new account form');
  await alice.click('#desk-new-account-create');
  await eventually('Mary\'s page shows', async () => (await alice.locator('#account-page-name').count()) === 1
    && (await text(alice, '#account-page-name')) === 'Mary Somerville');
  assert.match(await text(alice, '#account-phones'), /\+14155550177/);
  assert.match(await text(alice, '#account-email'), /mary@example\.org/);
  assert.match(await text(alice, '#account-addresses'), /1 Connexion Court, San Francisco, 94110/);
  const found = await apiAs(alice, '/api/accounts?q=Somerville&limit=5');
  assert.equal(found.body.length, 1, 'the new account is found by name');
  step('a new account for Mary Somerville, who wrote in, with her phone and address');

  await alice.fill('#add-phone-number', '+14155550178');
  await alice.selectOption('#add-phone-kind', 'home');
  await alice.click('#add-phone-button');
  await eventually('the home phone is added', async () => (await text(alice, '#account-message')) === '+14155550178 added.');
  assert.match(await text(alice, '#account-phones'), /\+14155550178 · home/);
  await alice.getByRole('button', { name: 'Remove +14155550178 from the account' }).click();
  await eventually('the home phone is removed', async () => (await text(alice, '#account-message')) === '+14155550178 removed.');
  assert.doesNotMatch(await text(alice, '#account-phones'), /\+14155550178/);
  assert.match(await text(alice, '#account-phones'), /\+14155550177/);
  step('a second phone added to Mary\'s page and removed again');
}

async function theUnknownCallerIsLinkedToAda(alice) {
  await control('/call', 'POST');
  await eventually('the unknown caller\'s pop shows', async () => (await alice.locator('#pop-unknown').count()) === 1, 20000);
  assert.equal(await text(alice, '#caller-number'), CALLER);
  assert.match(await text(alice, '#pop-unknown'), /No account has this number/);
  await accessible(alice, 'the unknown caller\'s pop');
  await shot(alice, 'unknown-caller');

  await search(alice, 'caller-search', 'Lovelace');
  await eventually('Ada is offered', async () => (await alice.locator('#caller-search-results .this-caller').count()) === 1);
  await alice.check('#add-caller-number');
  await alice.click('#caller-search-results .this-caller');
  await eventually('the pop shows Ada', async () => (await alice.locator('#pop-chosen').count()) === 1);
  assert.equal(await text(alice, '#account-number'), '10042');
  assert.equal(await text(alice, '#chosen-note'), 'Added ' + CALLER + ' to Ada Lovelace (10042).');
  assert.equal(await focusedId(alice), 'case-category', 'the case form follows');
  const ada = await apiAs(alice, '/api/accounts/1');
  assert.ok(ada.body.phones.some((p) => p.e164 === CALLER), 'Ada has the calling number: ' + JSON.stringify(ada.body.phones));

  await alice.fill('#case-description', 'Caller gave her account number; boiler noisy');
  await alice.click('#create-case-button');
  await eventually('the case from the call is open', async () => (await alice.locator('#case-status').count()) === 1
    && /Ada Lovelace/.test(await text(alice, '#case-area')));
  assert.match(await text(alice, '#case-area'), /via phone/);
  step('the unknown caller is Ada: the number is added to her account and a case opened from the call');

  await bookFirstSlot(alice);
  await eventually('the visit message shows it could not go', async () =>
    /Visit booked: not sent \(the account has no e-mail address and no mobile number\) — tell the customer another way/
      .test(await text(alice, '#case-messages')));
  step('Ada has no e-mail and no mobile: the case says her visit message was not sent');
}

async function theDeskFitsAPhone(alice) {
  await alice.setViewportSize(PHONE);
  await search(alice, 'desk-search', 'Lovelace');
  await eventually('Ada is found', async () => (await alice.locator('#desk-search-results .open-account').count()) === 1);
  await alice.click('#desk-search-results .open-account');
  await eventually('Ada\'s page shows', async () => (await text(alice, '#account-page-number')) === '10042'
    && (await text(alice, '#account-phones')).includes(CALLER));
  await fitsWidth(alice, 'the desk with the pop and Ada\'s page on a phone');
  await accessible(alice, 'the desk on a phone');
  await shot(alice, 'account-page-phone');
  step('on a phone the desk with the pop and the account page fits the width');
}
