// A call through Switchboard as its users see it, in Debian's chromium driven by Playwright.
// Run by AgentAndSupervisorInTheBrowserTest, which starts the service, a simulated Asterisk that
// replays a recorded call when CONTROL_URL/call is posted, and seeds users alice and carol
// (agents), sue (supervisor) and dan (dispatcher). Exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, shot, addUser, savePhones, savedWithPhones, TV, BASE_URL, ADMIN_PASSWORD } from './lib.mjs';

const POP_WITHIN_MS = 1000;

await run(journey);

/** Notes, in the page, the moment a pop first shows and whether any ever did. */
async function watchForPops(page) {
  await page.evaluate(() => {
    window.firstPopAt = null;
    new MutationObserver(() => {
      if (window.firstPopAt === null && document.getElementById('call-state')) window.firstPopAt = Date.now();
    }).observe(document.getElementById('call'), { childList: true, subtree: true });
  });
}

async function journey() {
  const feedUrls = [];
  const watchFeeds = (page) => page.on('websocket', (socket) => feedUrls.push(socket.url()));
  const alice = await open('alice');
  watchFeeds(alice);
  await alice.goto(BASE_URL + '/');
  await shot(alice, 'login');
  await login(alice, 'alice', '/agent.html');
  const carol = await open('carol');
  watchFeeds(carol);
  await login(carol, 'carol', '/agent.html');
  const sue = await open('sue', TV);
  watchFeeds(sue);
  await login(sue, 'sue', '/wallboard.html');
  step('alice and carol land on the agent desktop, sue on the wallboard');

  await eventually('both agents\' pop feeds are live', async () =>
    (await text(alice, '#feed-state')) === 'live' && (await text(carol, '#feed-state')) === 'live');
  await eventually('the wallboard is live with a support tile', async () =>
    (await text(sue, '#wall-status')) === 'Live' && (await sue.locator('#tile-support').count()) === 1);
  assert.ok(feedUrls.length >= 3, 'the pages opened their feeds: ' + feedUrls.join(', '));
  for (const url of feedUrls) {
    assert.equal(new URL(url).search, '', 'a feed was opened with something in its URL: ' + url);
  }
  step('the pages opened their feeds with a ticket in Sec-WebSocket-Protocol: no token or ticket in any URL');
  const slBefore = await text(sue, '#tile-support [data-figure=sl] .value');
  const answeredBefore = await text(sue, '#tile-support [data-figure=answered] .value');
  assert.equal(await text(sue, '#tile-support [data-figure=waiting] .value'), '0');
  await eventually('the seeded abandoned call is listed, with today\'s count from the server', async () =>
    (await text(sue, '#abandoned')).includes('+14155550199') && (await text(sue, '#abandoned-total')) === '1 today');
  step('wallboard before the call: SL ' + slBefore + ', answered ' + answeredBefore + ', nobody waiting');

  // ready / paused with a reason, sent to Asterisk as QueuePause
  await eventually('alice sees herself in support', async () => (await text(alice, '#my-state')).includes('support'));
  await alice.selectOption('#pause-reason', 'Lunch');
  await alice.click('#pause-button');
  await eventually('alice is told she is paused', async () => (await text(alice, '#state-message')).startsWith('Paused'));
  const pauses = async () => (await control('/actions')).filter((a) => a.action.toLowerCase() === 'queuepause');
  assert.deepEqual((await pauses()).map((a) => [a.interface, a.paused, a.reason]), [['Local/1001@agents/n', 'true', 'Lunch']]);
  await eventually('the wallboard shows alice paused for lunch', async () =>
    (await text(sue, '#tile-support .agent-list')).match(/Alicepaused[\d:]+Lunch/) !== null);
  await alice.click('#ready-button');
  await eventually('alice is ready again', async () => (await text(alice, '#state-message')).startsWith('Ready'));
  assert.deepEqual((await pauses()).map((a) => [a.interface, a.paused]).at(-1), ['Local/1001@agents/n', 'false']);
  step('pause with reason and ready reach Asterisk as QueuePause; the wallboard showed the pause');

  // the call: it rings alice
  await watchForPops(alice);
  await watchForPops(carol);
  await control('/call', 'POST');
  await eventually('the wallboard shows one caller waiting in support', async () =>
    (await text(sue, '#tile-support [data-figure=waiting] .value')) === '1', 15000);
  await eventually('the wallboard raises a breach alert when the wait passes support\'s 1 s target', async () =>
    (await text(sue, '#alerts')).includes('Over target in support'), 5000);
  await shot(sue, 'wallboard-waiting');
  await eventually('the pop rings on alice\'s page', async () => (await text(alice, '#call-state')) === 'Ringing', 15000);
  const sent = await control('/sent');
  const shownAt = await alice.evaluate(() => window.firstPopAt);
  const popMs = shownAt - sent.AgentCalled;
  assert.ok(popMs >= 0 && popMs <= POP_WITHIN_MS, 'pop shown ' + popMs + ' ms after AgentCalled left the simulator');
  assert.equal(await text(alice, '#account-number'), '10042');
  assert.equal(await text(alice, '#account-name'), 'Ada Lovelace');
  step('the pop appeared on alice\'s page ' + popMs + ' ms after AgentCalled left the simulator');
  await shot(alice, 'agent-ringing');

  await eventually('alice is on the call', async () => (await text(alice, '#call-state')) === 'On the call', 15000);
  await eventually('the wallboard shows nobody waiting and alice on a call', async () =>
    (await text(sue, '#tile-support [data-figure=waiting] .value')) === '0'
    && (await text(sue, '#tile-support .agent-count.onCall b')) === '1');
  await eventually('the wallboard\'s service level and answered count change', async () =>
    (await text(sue, '#tile-support [data-figure=sl] .value')) !== slBefore
    && (await text(sue, '#tile-support [data-figure=answered] .value')) !== answeredBefore, 15000);
  const slAfter = await text(sue, '#tile-support [data-figure=sl] .value');
  const answeredAfter = await text(sue, '#tile-support [data-figure=answered] .value');
  const [answered, offered] = answeredBefore.split(' / ').map(Number);
  assert.equal(answeredAfter, (answered + 1) + ' / ' + (offered + 1));
  await eventually('the breach alert clears once the caller is answered', async () =>
    (await text(sue, '#alerts')) === '');
  await eventually('the intraday chart shows today\'s support calls', async () =>
    (await sue.locator('#chart svg rect.bar').count()) > 0 && (await sue.inputValue('#chart-queue')) === 'support');
  step('wallboard: waiting 1, breach alert raised then cleared, answered; SL ' + slBefore + ' → ' + slAfter
    + ', answered ' + answeredAfter + '; intraday chart drawn');
  await shot(sue, 'wallboard');

  // alice opens a case from the call and books a visit
  await alice.click('#new-case-button');
  await alice.selectOption('#case-category', 'boiler');
  await alice.fill('#case-description', 'Boiler pressure keeps dropping');
  await alice.click('#create-case-button');
  await eventually('the case is open', async () => (await text(alice, '#case-status')) === 'open');
  await alice.click('#find-slots-button');
  await alice.locator('#slots li').first().waitFor();
  const slot = await text(alice, '#slots li');
  await alice.locator('#slots .book').first().click();
  await alice.locator('#visit-booked').waitFor();
  assert.equal(await text(alice, '#case-status'), 'scheduled');
  await alice.selectOption('#advised-form select', 'call');
  await alice.click('#advised-button');
  await eventually('the customer is recorded as told', async () => (await text(alice, '#advised')).startsWith('Customer told'));
  await eventually('the case is in alice\'s list', async () => (await text(alice, '#my-cases')).includes('boiler'));
  step('alice opened a case from the call, booked "' + slot.replace(/\s*Book$/, '') + '" and recorded the customer was told');
  await shot(alice, 'agent-desktop');

  // carol never saw anything
  assert.equal(await carol.evaluate(() => window.firstPopAt), null, 'carol was shown a pop');
  assert.match(await text(carol, '#call'), /No call/);
  step('carol\'s page never showed a pop');
  await shot(carol, 'agent-no-call');

  // an agent may not see the wallboard, by page or by socket
  await alice.goto(BASE_URL + '/wallboard.html');
  await alice.locator('#refused').waitFor();
  assert.match(await text(alice, '#refused'), /supervisor/);
  assert.equal(await alice.locator('.tile').count(), 0);
  const socketOpened = await alice.evaluate(async () => {
    const token = sessionStorage.getItem('switchboard.token');
    const answer = await fetch('/api/ws-tickets', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
    const { ticket } = await answer.json();
    return new Promise((resolve) => {
      const socket = new WebSocket('ws://' + location.host + '/api/queues/live', ['switchboard.ticket', 'ticket.' + ticket]);
      socket.onopen = () => resolve(true);
      socket.onerror = () => resolve(false);
    });
  });
  assert.equal(socketOpened, false, 'an agent opened the wallboard feed');
  step('alice opening the wallboard is refused, page and feed');
  await shot(alice, 'wallboard-refused-for-agent');

  // the dispatcher's day, and an engineer's report
  const dan = await open('dan');
  await login(dan, 'dan', '/dispatch.html');
  await dan.locator('[data-engineer="Grace Engineer"]').waitFor();
  assert.match(await text(dan, '[data-engineer="Grace Engineer"]'), /Leaking tap/);
  await shot(dan, 'dispatch');
  const leakingTap = dan.locator('.visit', { hasText: 'Leaking tap' });
  await leakingTap.locator('.report-button').click();
  await leakingTap.locator('select[name=outcome]').selectOption('fixed');
  await leakingTap.locator('textarea[name=workDone]').fill('Replaced the tap washer');
  await leakingTap.locator('button[type=submit]').click();
  await eventually('the report is saved', async () => (await text(dan, '#day-message')).startsWith('Report saved'));
  await eventually('the visit shows its report', async () =>
    (await text(dan, '[data-engineer="Grace Engineer"]')).includes('reported: fixed'));
  step('dan sees Grace\'s day and records her report');

  // the admin: a new agent with a phone, a queue's target, an engineer
  const admin = await open('admin');
  await login(admin, 'admin', '/admin.html', ADMIN_PASSWORD);
  await admin.locator('#user-list [data-user=alice]').waitFor();
  await addUser(admin, { username: 'frank', displayName: 'Frank Agent', role: 'agent', password: 'Meadow-Lamp-Quartz-6' });
  await savePhones(admin, 'frank', 'Dave', 'Local/1004@agents/n');
  await savedWithPhones(admin, 'frank', 'Dave', 'Local/1004@agents/n');
  const support = admin.locator('#queue-list [data-queue=support]');
  await support.locator('input[aria-label^="Answer within"]').fill('30');
  await support.locator('.save-queue').click();
  await eventually('support\'s target is 30 s, set by the admin', async () =>
    (await text(admin, '#queue-list [data-queue=support] .in-force')) === '80 % in 30 s'
    && (await text(admin, '#queue-list [data-queue=support]')).includes('admin'));
  const engineerForm = admin.locator('#new-engineer-form');
  await engineerForm.locator('input[name=name]').fill('Linus Fixit');
  await engineerForm.locator('select[name=homeRegion]').selectOption('sf');
  await engineerForm.locator('button[type=submit]').click();
  await admin.locator('#engineer-list [data-engineer="Linus Fixit"]').waitFor();
  assert.match(await text(admin, '#engineer-list [data-engineer="Linus Fixit"]'), /Mon 08:00–17:00/);
  step('the admin added agent frank with his phone, set support\'s target to 30 s and added an engineer');
  await shot(admin, 'admin');
  const frankPage = await open('frank');
  await login(frankPage, 'frank', '/agent.html', 'Meadow-Lamp-Quartz-6');
  await eventually('frank sees himself in support', async () => (await text(frankPage, '#my-state')).includes('support'));
  step('frank logs in to the agent desktop and his phone is in support');

}
