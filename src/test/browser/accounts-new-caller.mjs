// A caller on no account gets one from the pop, as Alice does it in Debian's chromium. Run by
// AccountsInTheBrowserTest (BrowserStage's call centre without Ada's phone, and the recorded
// call without the account keyed in the IVR: the call from +14155550101 is an unknown caller).
// Exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, accessible, fitsWidth, PHONE } from './lib.mjs';

const CALLER = '+14155550101';

await run(journey);

async function journey() {
  const alice = await open('alice', PHONE);
  await login(alice, 'alice', '/agent.html');
  await eventually('alice\'s desk is live', async () => (await text(alice, '#feed-state')) === 'live');

  await control('/call', 'POST');
  await eventually('the unknown caller\'s pop shows', async () => (await alice.locator('#pop-unknown').count()) === 1, 20000);
  await search(alice, 'Hopper');
  await eventually('nobody is found', async () => /No account matches “Hopper”/.test(await text(alice, '#caller-search-results')));
  await fitsWidth(alice, 'the unknown caller\'s pop on a phone');
  step('a search from the pop finds no account for Grace Hopper');

  await alice.click('#new-account-button');
  assert.equal(await alice.evaluate(() => document.activeElement.id), 'new-account-name');
  assert.equal(await alice.inputValue('#new-account-phone'), CALLER, 'the form has the calling number');
  await alice.click('#new-account-create');
  assert.equal(await alice.locator('#pop-chosen').count(), 0, 'an account without a name is not sent');
  await alice.fill('#new-account-name', 'Grace Hopper');
  await alice.fill('#new-account-line1', '9 Compiler Lane');
  await alice.fill('#new-account-city', 'San Francisco');
  await alice.fill('#new-account-postcode', '94103');
  await alice.fill('#new-account-region', 'sf');
  await accessible(alice, 'the new account form in the pop');
  await fitsWidth(alice, 'the new account form on a phone');
  await alice.click('#new-account-create');
  await eventually('the pop shows the new account', async () => (await alice.locator('#pop-chosen').count()) === 1);
  assert.equal(await text(alice, '#account-name'), 'Grace Hopper');
  assert.match(await text(alice, '#chosen-note'), new RegExp('^Account \\d+ opened with \\' + CALLER + '\\.$'));
  assert.equal(await alice.evaluate(() => document.activeElement.id), 'case-category', 'the case form follows');
  step('"' + await text(alice, '#chosen-note') + '"; the case form follows');

  await alice.selectOption('#case-category', 'heating');
  await alice.fill('#case-description', 'New customer: no heating since this morning');
  await alice.click('#create-case-button');
  await eventually('the case is open for Grace', async () => (await alice.locator('#case-status').count()) === 1
    && /Grace Hopper/.test(await text(alice, '#case-area')));
  await alice.click('#show-account-button');
  await eventually('her page shows her number and the case', async () => (await alice.locator('#account-page-name').count()) === 1
    && (await text(alice, '#account-phones')).includes(CALLER) && /heating/.test(await text(alice, '#account-open-cases')));
  await fitsWidth(alice, 'the new account\'s page on a phone');
  step('a case from the call on Grace\'s new account, on her page with the calling number');
}

async function search(page, query) {
  await page.fill('#caller-search-query', query);
  await page.click('#caller-search-button');
}
