// The agent desktop's speed features in Debian's chromium: the ring alerts (a notification naming
// the caller, a flashing title, a ring tone when turned on), the keyboard shortcuts and their help
// dialog, and the talk timer. Run by AgentSpeedInTheBrowserTest, whose stage replays one recorded
// call that rings alice (2 s of ringing, then about 13.5 s on the call).
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, control, shot, accessible, fitsWidth, DESKTOP, PHONE, BASE_URL } from './lib.mjs';

const NORMAL_TITLE = 'Switchboard — agent desktop';

/**
 * Installed before any page script: headless chromium shows no notification anyone could see, so
 * Notification is replaced by one that records what the page asked for. permission null keeps the
 * browser's own answer (the context's grant); requestPermission answers with `answer`. Every
 * oscillator the page creates is counted, to see the ring tone played.
 */
function recordAlerts({ permission, answer, unsupported }) {
  window.recorded = { notifications: [], permissionRequests: 0, oscillators: 0 };
  const Real = window.Notification;
  if (unsupported) {
    delete window.Notification;
  } else {
    let current = permission;
    window.Notification = class RecordedNotification {
      constructor(title, options = {}) {
        this.title = title;
        this.body = options.body;
        this.closed = false;
        window.recorded.notifications.push(this);
      }
      close() { this.closed = true; }
      static get permission() { return current || Real.permission; }
      static async requestPermission() {
        window.recorded.permissionRequests += 1;
        current = answer;
        return current;
      }
    };
  }
  const create = BaseAudioContext.prototype.createOscillator;
  BaseAudioContext.prototype.createOscillator = function createOscillator() {
    window.recorded.oscillators += 1;
    return create.call(this);
  };
}

async function openDesk(name, viewport, alerts, options = {}) {
  const page = await open(name, viewport, options);
  await page.addInitScript(recordAlerts, alerts);
  await login(page, name.split('-')[0], '/agent.html');
  await eventually(name + '\'s pop feed is live', async () => (await text(page, '#feed-state')) === 'live');
  return page;
}

const recorded = (page) => page.evaluate(() => ({
  ...window.recorded,
  notifications: window.recorded.notifications.map((n) => ({ title: n.title, body: n.body, closed: n.closed,
    focusesOnClick: typeof n.onclick === 'function' })),
}));

/** Notes every title the tab shows, with the call panel's state at that moment. */
async function recordTitles(page) {
  await page.evaluate(() => {
    window.titles = [];
    new MutationObserver(() => window.titles.push({ title: document.title,
      state: document.getElementById('call-panel').className })).observe(document.querySelector('title'),
      { childList: true, characterData: true, subtree: true });
  });
}

const talkSeconds = async (page) => {
  const [minutes, seconds] = (await text(page, '#talk-timer')).split(':').map(Number);
  return minutes * 60 + seconds;
};

const focused = (page) => page.evaluate(() => document.activeElement.id);

const pauses = async () => (await control('/actions')).filter((a) => a.action.toLowerCase() === 'queuepause');

async function journey() {
  const alice = await openDesk('alice', DESKTOP, { permission: null }, { permissions: ['notifications'] });
  assert.match(await text(alice, '#ring-alerts-state'), /^Ring alerts are on/);
  assert.equal(await alice.locator('#ring-alerts-button').isVisible(), false);
  assert.equal((await recorded(alice)).permissionRequests, 0, 'the page asked for permission on its own');
  step('with notifications granted, alice\'s desk says ring alerts are on and asks nothing');

  // the ring sound is off until turned on, and stays on across a reload
  assert.equal(await alice.isChecked('#ring-sound'), false);
  await alice.check('#ring-sound');
  await alice.reload();
  await eventually('alice\'s pop feed is live again', async () => (await text(alice, '#feed-state')) === 'live');
  assert.equal(await alice.isChecked('#ring-sound'), true, 'the ring sound setting was forgotten on reload');
  step('the Ring sound checkbox is remembered across a reload');

  // R and P go through the page's own buttons, so they reach Asterisk as QueuePause
  await eventually('alice sees herself in support', async () => (await text(alice, '#my-state')).includes('support'));
  await alice.keyboard.press('p');
  await eventually('P pauses alice', async () => (await text(alice, '#state-message')).startsWith('Paused'));
  assert.deepEqual((await pauses()).map((a) => [a.paused, a.reason]), [['true', 'Break']]);
  await alice.keyboard.press('r');
  await eventually('R makes alice ready', async () => (await text(alice, '#state-message')).startsWith('Ready'));
  assert.deepEqual((await pauses()).map((a) => a.paused), ['true', 'false']);
  step('P pauses with the chosen reason and R makes alice ready, both sent to Asterisk');

  // a shortcut whose button is not there says so and does nothing
  await alice.keyboard.press('n');
  await eventually('N without a call says so', async () => (await text(alice, '#shortcut-status')).includes('no call'));
  await alice.keyboard.press('f');
  await eventually('F without a case says so', async () => (await text(alice, '#shortcut-status')).includes('no open case'));
  assert.equal(await alice.locator('#new-case-form').count(), 0);
  step('N and F with no call or case on screen say so and do nothing');

  // ? opens the help dialog; keys do nothing under it; Escape closes it and the focus goes back
  await alice.focus('#ready-button');
  await alice.keyboard.press('?');
  await eventually('? opens the shortcuts dialog', async () => alice.locator('#shortcuts-dialog').isVisible());
  assert.match(await text(alice, '#shortcuts-dialog'), /R\s*Ready for calls/);
  await accessible(alice, 'the agent desktop with the shortcuts dialog open');
  await shot(alice, 'agent-shortcuts');
  await alice.keyboard.press('p');
  await alice.keyboard.press('Escape');
  await eventually('Escape closes the dialog and the focus goes back to Ready', async () =>
    !(await alice.locator('#shortcuts-dialog').isVisible()) && (await focused(alice)) === 'ready-button');
  assert.ok((await text(alice, '#state-message')).startsWith('Ready'), 'P under the dialog changed alice\'s state');
  assert.equal((await pauses()).length, 2, 'P under the dialog paused alice');
  await alice.keyboard.press('Alt+P');
  await alice.keyboard.press('Control+Shift+?');
  assert.ok((await text(alice, '#state-message')).startsWith('Ready'), 'Alt+P changed alice\'s state');
  assert.equal(await alice.locator('#shortcuts-dialog').isVisible(), false, 'Ctrl+? opened the dialog');
  await alice.click('#shortcuts-button');
  await eventually('the button opens the dialog too', async () => alice.locator('#shortcuts-dialog').isVisible());
  await alice.click('#shortcuts-close');
  await eventually('Close gives the focus back to the button', async () => (await focused(alice)) === 'shortcuts-button');
  step('? and the Keyboard shortcuts button open the list; keys under it, and Alt or Ctrl with a key, do nothing; Escape and Close give the focus back');

  // the call rings alice: one notification naming the caller, a flashing title, the tone
  await recordTitles(alice);
  await control('/call', 'POST');
  await eventually('the pop rings on alice\'s page', async () => (await text(alice, '#call-state')) === 'Ringing', 15000);
  const number = await text(alice, '#caller-number');
  const name = await text(alice, '#account-name');
  assert.equal(await alice.locator('#talk-time').isVisible(), false, 'a talk timer shows while the phone only rings');
  await eventually('alice is on the call', async () => (await text(alice, '#call-state')) === 'On the call', 15000);
  const onCall = await recorded(alice);
  assert.deepEqual(onCall.notifications, [{ title: 'Call ringing — ' + name, body: number + ' · Click to go to the agent desktop.',
    closed: true, focusesOnClick: true }]);
  const ringTitle = '☎ Ringing — ' + number;
  const titles = await alice.evaluate(() => window.titles);
  const whileRinging = titles.filter((t) => t.state.includes('ringing')).map((t) => t.title);
  const afterwards = titles.filter((t) => !t.state.includes('ringing')).map((t) => t.title);
  assert.equal(whileRinging[0], ringTitle, 'titles: ' + JSON.stringify(titles));
  assert.ok(whileRinging.includes(NORMAL_TITLE) && whileRinging.every((t) => t === ringTitle || t === NORMAL_TITLE),
    'the title did not alternate while ringing: ' + JSON.stringify(titles));
  assert.deepEqual([...new Set(afterwards)], [NORMAL_TITLE], 'titles after the answer: ' + JSON.stringify(titles));
  assert.equal(await alice.title(), NORMAL_TITLE);
  assert.ok(onCall.oscillators >= 2, 'no ring tone was played');
  step('the ring showed one notification ("' + name + '", ' + number + '), closed on answer; the title flashed "'
    + ringTitle + '" and stopped on answer; the tone played');

  // the talk timer counts while on the call
  await alice.locator('#talk-time').waitFor();
  const first = await talkSeconds(alice);
  await eventually('the talk timer moves on', async () => (await talkSeconds(alice)) > first, 3000);
  assert.equal(await alice.getAttribute('#talk-timer', 'role'), 'timer');
  assert.equal(await alice.getAttribute('#talk-timer', 'aria-live'), 'off');
  step('the talk timer counts on the call: ' + first + ' s, then ' + (await talkSeconds(alice)) + ' s');

  // N opens the case form from the pop; typing in it is typing, not shortcuts
  await alice.keyboard.press('n');
  await alice.locator('#new-case-form').waitFor();
  const typed = 'Pressure drops? Radiator cold, fan noisy, meter fine';
  await alice.fill('#case-description', '');
  await alice.locator('#case-description').pressSequentially(typed);
  assert.equal(await alice.inputValue('#case-description'), typed);
  assert.equal(await alice.locator('#shortcuts-dialog').isVisible(), false, '? typed in the description opened the dialog');
  assert.ok((await text(alice, '#state-message')).startsWith('Ready'), 'a letter typed in the description changed alice\'s state');
  assert.equal((await pauses()).length, 2, 'P typed in the description paused alice');
  assert.equal(await alice.locator('#new-case-form').count(), 1);
  assert.equal(await focused(alice), 'case-description');
  await accessible(alice, 'the agent desktop on a call with the talk timer and the new case form');
  step('N opened the new case form from the pop; R, P, N, F, C, M and ? typed in the description stayed text');

  // F finds slots for the case just opened; C and M move the focus
  await alice.selectOption('#case-category', 'boiler');
  await alice.click('#create-case-button');
  await eventually('the case is open', async () => (await text(alice, '#case-status')) === 'open');
  await alice.evaluate(() => document.activeElement.blur()); // whatever field the page focused, the agent has left it
  await alice.keyboard.press('f');
  await alice.locator('#slots li').first().waitFor();
  await alice.evaluate(() => document.activeElement.blur());
  await alice.keyboard.press('m');
  assert.ok(await alice.evaluate(() => document.getElementById('my-cases').contains(document.activeElement)), 'M did not go to my cases');
  await alice.evaluate(() => document.activeElement.blur());
  await alice.keyboard.press('c');
  assert.ok(await alice.evaluate(() => document.getElementById('case-area').contains(document.activeElement)), 'C did not go to the case');
  step('F listed visit slots for the new case; M and C moved the focus to my cases and to the case');

  // the call ends: the timer stops and holds the talk time
  await eventually('the call ends', async () => (await text(alice, '#call-state')) === 'Call ended', 25000);
  const talked = await talkSeconds(alice);
  assert.ok(talked >= 8 && talked <= 20, 'talk time ' + talked + ' s for a recorded call of about 13.5 s');
  // a stopped timer can only be told from a running one by letting a second and a half go by
  await alice.waitForTimeout(1500);
  assert.equal(await talkSeconds(alice), talked, 'the talk timer kept counting after the call ended');
  assert.equal(await alice.locator('#talk-time').isVisible(), true);
  assert.equal((await recorded(alice)).oscillators, onCall.oscillators, 'the ring tone went on after the answer');
  await accessible(alice, 'the agent desktop after the call, with the talk time');
  await shot(alice, 'agent-talk-time');
  step('the call ended after ' + talked + ' s: the talk timer stopped and shows it');

  // on a phone
  await alice.setViewportSize(PHONE);
  await fitsWidth(alice, 'the agent desktop on a phone');
  await alice.evaluate(() => document.activeElement.blur()); // C left the focus in the case's priority list
  await alice.keyboard.press('?');
  await eventually('the dialog opens on a phone', async () => alice.locator('#shortcuts-dialog').isVisible());
  await fitsWidth(alice, 'the shortcuts dialog on a phone');
  await accessible(alice, 'the shortcuts dialog on a phone');
  await shot(alice, 'agent-shortcuts-phone');
  await alice.keyboard.press('Escape');
  step('the desk and the shortcuts dialog fit a phone\'s width');

  // permission is asked only when the agent presses the button; a refusal breaks nothing
  const carol = await openDesk('carol', DESKTOP, { permission: 'default', answer: 'denied' });
  assert.equal((await recorded(carol)).permissionRequests, 0, 'the page asked for permission on load');
  assert.match(await text(carol, '#ring-alerts-state'), /^Ring alerts are off/);
  await carol.click('#ring-alerts-button');
  await eventually('carol is told alerts are blocked', async () => (await text(carol, '#ring-alerts-state')).includes('blocked'));
  assert.equal((await recorded(carol)).permissionRequests, 1);
  assert.equal(await carol.locator('#ring-alerts-button').isVisible(), false);
  await accessible(carol, 'the agent desktop with ring alerts blocked');
  step('carol\'s desk asked for permission only when she pressed "Enable ring alerts", and says a refusal blocks them');

  const oldBrowser = await openDesk('carol-old-browser', DESKTOP, { unsupported: true });
  assert.equal(await text(oldBrowser, '#ring-alerts-state'), 'This browser cannot show ring alerts.');
  assert.equal(await oldBrowser.locator('#ring-alerts-button').isVisible(), false);
  await eventually('carol sees herself in a queue', async () => (await text(oldBrowser, '#my-state')).includes('support'));
  await oldBrowser.keyboard.press('p');
  await eventually('P still pauses carol', async () => (await text(oldBrowser, '#state-message')).startsWith('Paused'));
  step('in a browser without notifications the desk says so and its shortcuts still work');
}

await run(journey);
