// A caller whose number is a shared line of two accounts, as Alice answers them in Debian's
// chromium. Run by AccountsInTheBrowserTest (BrowserStage's call centre with +14155550101 shared
// by Ada and Charles Babbage, and the recorded call without the account keyed in the IVR).
// Exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, accessible } from './lib.mjs';

await run(journey);

async function journey() {
  const alice = await open('alice');
  await login(alice, 'alice', '/agent.html');
  await eventually('alice\'s desk is live', async () => (await text(alice, '#feed-state')) === 'live');

  await control('/call', 'POST');
  await eventually('the pop offers both accounts', async () => (await alice.locator('#pop-unknown .candidate').count()) === 2, 20000);
  assert.match(await text(alice, '#pop-unknown h3'), /more than one account/);
  const offered = await alice.locator('#pop-unknown .candidate').allTextContents();
  assert.ok(offered.some((t) => t.includes('Ada Lovelace (10042)')) && offered.some((t) => t.includes('Charles Babbage (10043)')),
    'both households are offered: ' + offered.join(' | '));
  assert.equal(await alice.locator('#add-caller-number').count(), 1, 'the number can still go on an account found by search');
  await accessible(alice, 'the pop of a shared line');
  step('the shared line\'s pop offers Ada and Charles Babbage');

  await alice.getByRole('button', { name: 'This caller is Charles Babbage (10043)' }).click();
  await eventually('the pop shows Babbage', async () => (await alice.locator('#pop-chosen').count()) === 1);
  assert.equal(await text(alice, '#account-number'), '10043');
  assert.equal(await alice.locator('#chosen-note').count(), 0, 'nothing was added to the account');
  assert.equal(await alice.evaluate(() => document.activeElement.id), 'case-category', 'the case form follows');
  assert.match(await text(alice, '#new-case-form'), /For Charles Babbage \(10043\)/);
  step('"This caller is" Charles Babbage: the case form for him follows');
}
