// The README's Quick start, word for word, in Debian's chromium: against `java -jar
// target/switchboard.jar` as it starts (embedded MariaDB, demo data, DEMO traffic), the admin adds
// a user with role agent on the admin page, gives them queue member Alice and phone
// Local/1001@agents/n, and in another browser that user sees a DEMO call pop. Run by
// QuickStartInTheBrowserTest.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, shot, addUser, savePhones, savedWithPhones, BASE_URL, ADMIN_PASSWORD } from './lib.mjs';

const POP_WITHIN_MS = 60000;

await run(async () => {
  const admin = await open('admin');
  await login(admin, 'admin', '/admin.html', ADMIN_PASSWORD);
  await addUser(admin, { username: 'amy', displayName: 'Amy Agent', role: 'agent', password: 'Meadow-Lamp-Quartz-6' });
  await savePhones(admin, 'amy', 'Alice', 'Local/1001@agents/n');
  await savedWithPhones(admin, 'amy', 'Alice', 'Local/1001@agents/n');
  step('the admin gave the new agent amy queue member Alice and phone Local/1001@agents/n');

  const agent = await open('amy');
  await login(agent, 'amy', '/agent.html', 'Meadow-Lamp-Quartz-6');
  const started = Date.now();
  await eventually('a DEMO call pops on amy\'s desktop', async () =>
    (await agent.locator('#call-state').count()) === 1 && (await text(agent, '#caller-number')).length > 0, POP_WITHIN_MS);
  assert.match(await text(agent, '#call-state'), /\S/);
  step('a DEMO call to Alice popped on amy\'s desktop ' + (Date.now() - started) + ' ms after she logged in: '
    + await text(agent, '#call'));
  await shot(agent, 'quick-start-pop');
});
