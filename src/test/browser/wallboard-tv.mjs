// The supervisors' wallboard on a TV across the room, in Debian's chromium driven by Playwright.
// Run by WallboardOnATvInTheBrowserTest: the simulated Asterisk knows six queues and 60 agents
// (the seeded billing and support, and four more), a caller waits 12 s in support (target 1 s)
// when CONTROL_URL/call is posted, and an agent is flagged after 1 s paused. The page's feed goes
// through a route this script controls: it can show only the seeded queues, or fall silent.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, shot, accessible, fitsWidth, TV, PHONE, BASE_URL, PASSWORD }
  from './lib.mjs';

const SEEDED_QUEUES = ['billing', 'support'];
const ALL_QUEUES = ['billing', 'claims', 'outage', 'priority', 'sales', 'support'];
const GREY_WITHIN_MS = 5000;

/**
 * Puts the script between the page and its wallboard feed. onlySeeded drops the queues the test
 * added (the board as the seeded call centre shows it); silent holds back everything the server
 * sends, as a stalled network would, until resume() lets it through.
 */
async function routeFeed(page) {
  const feed = { onlySeeded: true, silent: false, held: [] };
  await page.routeWebSocket(/\/api\/queues\/live/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (feed.silent) feed.held.push([ws, message]);
      else forward(ws, message);
    });
  });
  const forward = (ws, message) => {
    const shown = feed.onlySeeded ? seededOnly(message) : message;
    if (shown !== null) ws.send(shown);
  };
  feed.resume = () => {
    feed.silent = false;
    feed.held.splice(0).forEach(([ws, message]) => forward(ws, message));
  };
  return feed;
}

function seededOnly(text) {
  const message = JSON.parse(text);
  if (message.type === 'snapshot') {
    return JSON.stringify({ ...message, queues: message.queues.filter((q) => SEEDED_QUEUES.includes(q.name)) });
  }
  const queue = message.type === 'queue' ? message.queue.name : message.queue;
  return queue === undefined || SEEDED_QUEUES.includes(queue) ? text : null;
}

/** The page fits the TV without scrolling, and no tile, list or card is cut off inside it. */
async function fitsTheTv(page, what) {
  const seen = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
    cutOff: [...document.querySelectorAll('.tile, .tile .agents, .side .card, .fit')]
      .filter((n) => n.scrollHeight > n.clientHeight + 1)
      .map((n) => (n.id || n.closest('[id]').id) + ' ' + n.className + ' (' + n.scrollHeight + ' > ' + n.clientHeight + ')'),
  }));
  assert.ok(seen.height <= TV.height, what + ': the page is ' + seen.height + ' px high on a ' + TV.height + ' px screen');
  assert.ok(seen.width <= TV.width, what + ': the page is ' + seen.width + ' px wide on a ' + TV.width + ' px screen');
  assert.deepEqual(seen.cutOff, [], what + ': content cut off');
  step(what + ': fits ' + TV.width + '×' + TV.height + ' (' + seen.width + '×' + seen.height + ') with nothing cut off');
}

async function isTv(page) {
  return page.evaluate(() => document.body.classList.contains('tv'));
}

const tiles = (page) => page.locator('.tile').evaluateAll((nodes) => nodes.map((n) => n.dataset.queue).sort());
const seconds = (shown) => shown.split(':').reduce((total, part) => total * 60 + Number(part), 0);

async function pause(username, reason) {
  const login = await fetch(BASE_URL + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }) });
  const { token } = await login.json();
  const response = await fetch(BASE_URL + '/api/agent/state', { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({ state: 'paused', reason }) });
  assert.ok(response.ok, 'pausing ' + username + ' answered ' + response.status + ' ' + await response.text());
}

async function journey() {
  const sue = await open('sue', TV);
  const feed = await routeFeed(sue);
  await login(sue, 'sue', '/wallboard.html');
  await eventually('the wallboard is live with the seeded queues', async () =>
    (await text(sue, '#wall-status')) === 'Live' && (await tiles(sue)).join() === SEEDED_QUEUES.join());
  await accessible(sue, 'the wallboard on a desk, seeded queues');

  // the TV mode button: the header goes, the board fills the screen; and back
  assert.equal(await isTv(sue), false);
  await sue.click('#tv-button');
  await eventually('TV mode is on', async () => isTv(sue));
  assert.ok(await sue.locator('header').isHidden(), 'the header shows in TV mode');
  assert.equal(await text(sue, '#tv-button'), 'Leave TV mode');
  await fitsTheTv(sue, 'TV mode, seeded queues');
  await shot(sue, 'wallboard-tv-seeded');
  await accessible(sue, 'TV mode, seeded queues');
  await sue.click('#tv-button');
  await eventually('TV mode is off again', async () => !(await isTv(sue)) && sue.locator('header').isVisible());
  step('the TV mode button turns TV mode on (no header) and off');

  // the bigger centre, in a kiosk browser's TV mode
  feed.onlySeeded = false;
  await sue.goto(BASE_URL + '/wallboard.html?tv=1');
  await eventually('six queues live in TV mode', async () =>
    (await text(sue, '#wall-status')) === 'Live' && (await tiles(sue)).join() === ALL_QUEUES.join() && isTv(sue));
  assert.ok(await sue.locator('header').isHidden(), 'the kiosk shows the header');
  assert.ok(await sue.locator('#tv-button').isHidden(), 'the kiosk shows the TV mode button');
  const agents = await sue.locator('.tile .agents-by-state').evaluateAll((rows) => rows.reduce((sum, row) =>
    sum + [...row.querySelectorAll('.agent-count:not(.over-limit) b')].reduce((s, b) => s + Number(b.textContent), 0), 0));
  assert.equal(agents, 60, 'agents counted on the tiles');
  await fitsTheTv(sue, 'TV mode, six queues and 60 agents');
  const more = await sue.locator('.tile tr.more:not([hidden])').allTextContents();
  assert.ok(more.length > 0 && more.every((m) => /^\+\d+ more$/.test(m.trim())), 'lists that do not fit end in "+N more": ' + more);
  step('six queues and 60 agents fit; ' + more.length + ' agent lists end in "+N more"');

  // service level: a shape and words beside the colour
  const sl = async (queue) => text(sue, '#tile-' + queue + ' [data-figure=sl] .sl-state');
  assert.equal(await sl('sales'), '✓ on target');
  assert.equal(await sl('priority'), '▲ near target');
  assert.equal(await sl('claims'), '✖ below target');
  assert.match(await sl('support'), /^(✓ on target|▲ near target|✖ below target)$/);
  assert.equal(await text(sue, '#tile-claims [data-figure=sl] .value'), '25.0 %');
  step('service level reads as ✓ on target, ▲ near target, ✖ below target');
  await accessible(sue, 'TV mode, six queues and 60 agents');

  // an agent paused past the limit (1 s here) is flagged
  await pause('carol', 'Lunch');
  const carol = '#tile-support tr[data-agent=Carol]';
  await eventually('carol is flagged paused over the limit', async () =>
    (await sue.locator(carol + '.over-limit').count()) === 1 && (await text(sue, carol + ' .limit')) === '⚠ over 0:01');
  assert.match(await text(sue, '#tile-support .agents-by-state'), /over time limit/);
  assert.equal(await sue.locator('#tile-support tr[data-agent=Alice].over-limit').count(), 0, 'alice, ready, is flagged');
  step('carol, paused past the 1 s limit, is flagged; alice is not');

  // the call: a caller waits in support, past its 1 s target
  await control('/call', 'POST');
  const waiting = '#waiting-list tr[data-uniqueid]';
  await eventually('the waiting list shows the caller', async () => (await sue.locator(waiting).count()) === 1, 15000);
  assert.equal(await text(sue, waiting + ' .queue'), 'support');
  assert.equal(await text(sue, waiting + ' .position'), '1');
  assert.equal(await text(sue, waiting + ' .caller'), '+14155550101');
  assert.equal(await text(sue, waiting + ' .account'), '10042');
  const firstWait = seconds(await text(sue, waiting + ' .wait'));
  await eventually('the wait counts up', async () => seconds(await text(sue, waiting + ' .wait')) > firstWait, 3000);
  step('waiting now: support, position 1, +14155550101, account 10042, the wait counting');

  await eventually('a breach alert stands', async () => (await sue.locator('#alerts .alert').count()) === 1, 5000);
  assert.match(await text(sue, '#alerts .alert'), /^Over target in support: caller \+14155550101 \(account 10042\)/);
  const alert = await sue.$('#alerts .alert');
  await sue.evaluate(() => {
    window.alertChanges = 0;
    new MutationObserver((records) => { window.alertChanges += records.length; })
      .observe(document.getElementById('alerts'), { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await shot(sue, 'wallboard-tv');
  await fitsTheTv(sue, 'TV mode during the call');
  // nothing to wait for: the check is that the alert stays the same while the board ticks on
  const ticksBefore = await text(sue, waiting + ' .wait');
  await sue.waitForTimeout(2500);
  assert.notEqual(await text(sue, waiting + ' .wait'), ticksBefore, 'the board did not tick meanwhile');
  assert.equal(await alert.evaluate((node) => node.isConnected), true, 'the alert element was replaced');
  assert.equal(await sue.evaluate(() => window.alertChanges), 0, 'the alert region changed while the same alert stood');
  step('the alert element stays the same node, unchanged, while the board ticks on');

  await eventually('the caller is answered: the alert and the waiting list clear', async () =>
    (await text(sue, '#alerts')) === '' && (await sue.locator('#nobody-waiting').count()) === 1, 15000);
  assert.equal(await alert.evaluate((node) => node.isConnected), false, 'the cleared alert is still shown');
  step('answered: the alert is removed and nobody is waiting');

  // the feed falls silent: grey, "data N s old", timers stop; then live again
  const carolTime = () => text(sue, carol + ' .time');
  const live = await carolTime();
  await eventually('carol\'s time in pause counts while live', async () => (await carolTime()) !== live, 3000);
  feed.silent = true;
  const silencedAt = Date.now();
  await eventually('the board greys out and says how old its data is', async () =>
    (await sue.evaluate(() => document.body.classList.contains('stale')))
    && /^data \d+ s old/.test(await text(sue, '#wall-age')), GREY_WITHIN_MS);
  const greyAfter = Date.now() - silencedAt;
  assert.notEqual(await text(sue, '#wall-status'), 'Live');
  assert.match(await sue.evaluate(() => getComputedStyle(document.querySelector('.tiles')).filter), /grayscale/);
  const stopped = await carolTime();
  const age = await text(sue, '#wall-age');
  await sue.waitForTimeout(2000); // the check is that nothing moves in this time
  assert.equal(await carolTime(), stopped, 'carol\'s time in pause counted on with the feed silent');
  assert.notEqual(await text(sue, '#wall-age'), age, 'the age of the data stood still');
  step('silent feed: greyed out ' + greyAfter + ' ms after the last word, "' + age + '", timers stopped');
  await accessible(sue, 'TV mode, greyed out');
  feed.resume();
  await eventually('the board is live again', async () => (await text(sue, '#wall-status')) === 'Live'
    && !(await sue.evaluate(() => document.body.classList.contains('stale'))), 5000);
  await eventually('carol\'s time counts again', async () => (await carolTime()) !== stopped, 3000);
  assert.match(await text(sue, '#wall-age'), /^as of /);
  step('the feed back: live, in colour, timers counting');

  // a phone: no sideways scrolling
  const phone = await open('sue-phone', PHONE);
  await login(phone, 'sue', '/wallboard.html');
  await eventually('the phone\'s wallboard is live', async () =>
    (await text(phone, '#wall-status')) === 'Live' && (await tiles(phone)).length === ALL_QUEUES.length);
  await fitsWidth(phone, 'the wallboard on a phone');
  await accessible(phone, 'the wallboard on a phone');
  step('on a 390 px phone the wallboard does not scroll sideways');
  await shot(phone, 'wallboard-phone');
}

await run(journey);
