// The dispatcher's day as dan sees it, in Debian's chromium driven by Playwright. Run by
// DispatchDayInTheBrowserTest, which seeds (besides the call centre) Hedy (sf and oak, 09:00–17:00,
// no visit today), Margaret (oak, 08:00–16:00, away tomorrow 12:00–14:00) and, tomorrow, Grace's
// boiler noise at 10:00 and dripping radiator at 14:00 and Margaret's blocked drain at 09:00.
// Visits last 2 h with 30 min of travel before and after. Exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { run, step, open, login, text, eventually, shot, accessible, fitsWidth, DESKTOP, PHONE, BASE_URL, ADMIN_PASSWORD }
  from './lib.mjs';

const LIVE_WITHIN_MS = 5000;

await run(journey);

async function token(username, password) {
  const response = await fetch(BASE_URL + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }) });
  assert.equal(response.status, 200, username + ' logs in');
  return (await response.json()).token;
}

async function call(bearer, method, path, body) {
  const response = await fetch(BASE_URL + path, { method, headers: { Authorization: 'Bearer ' + bearer,
    'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

function nextDay(date) {
  const d = new Date(date + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The free time shown for a region, e.g. "12 h 30 min free". */
async function free(page, region) {
  return text(page, '#regions [data-region=' + region + '] .free');
}

async function showDay(page, date) {
  await page.fill('#day', date);
  await eventually('the page shows ' + date, async () => (await page.inputValue('#day')) === date
    && (await page.locator('#timeline [data-lane]').count()) === 3);
}

/** Drags a visit's block onto an engineer's lane so that it starts at hh:mm (plus a few minutes, snapped to the grid). */
async function drag(page, description, engineer, hhmm) {
  const source = page.locator('.block', { hasText: description });
  const track = page.locator('[data-lane="' + engineer + '"] .track');
  const from = Number(await track.getAttribute('data-from-minute'));
  const to = Number(await track.getAttribute('data-to-minute'));
  const box = await track.boundingBox();
  const [h, m] = hhmm.split(':').map(Number);
  const x = (h * 60 + m + 5 - from) / (to - from) * box.width;
  await source.dragTo(track, { sourcePosition: { x: 2, y: 8 }, targetPosition: { x, y: box.height / 2 } });
}

async function journey() {
  // the refused move is a 409 the page expects and explains
  const dan = await open('dan', DESKTOP, { allowedErrors: /status of 409/ });
  await login(dan, 'dan', '/dispatch.html');
  await eventually('the feed is live', async () => (await dan.locator('#feed-state').getAttribute('data-state')) === 'live');
  const danToken = await dan.evaluate(() => sessionStorage.getItem('switchboard.token'));
  const today = (await call(danToken, 'GET', '/api/dispatch/visits')).body.date;
  const tomorrow = nextDay(today);

  // today: Grace's band and her 23:00 visit, Hedy and Margaret with none, free time by region
  await dan.locator('[data-lane="Grace Engineer"] .block', { hasText: 'Leaking tap' }).waitFor();
  assert.equal(await dan.inputValue('#day'), today, 'the page opens on the call centre\'s today');
  const grace = dan.locator('[data-lane="Grace Engineer"]');
  assert.equal(await grace.locator('.band').getAttribute('title'), 'Working 08:00–18:00');
  assert.match(await text(dan, '[data-lane="Grace Engineer"] .block'), /^23:00 Leaking tap/);
  for (const engineer of ['Hedy Engineer', 'Margaret Engineer']) {
    assert.equal(await dan.locator('[data-lane="' + engineer + '"] .block').count(), 0, engineer + ' has no visit today');
    assert.match(await text(dan, '[data-engineer="' + engineer + '"]'), /no visits/);
  }
  assert.equal(await dan.locator('[data-lane="Hedy Engineer"] .band').getAttribute('title'), 'Working 09:00–17:00');
  // sf: Grace 10 h (her 23:00 visit is outside her hours) + Hedy 8 h; oak: Hedy 8 h + Margaret 8 h
  assert.equal(await free(dan, 'sf'), '18 h free');
  assert.equal(await free(dan, 'oak'), '16 h free');
  step('today: Grace\'s 08:00–18:00 band and her 23:00 visit; Hedy and Margaret without visits; sf 18 h and oak 16 h free');
  await accessible(dan, 'the dispatcher\'s day');

  // the report form: one per visit, with a Cancel
  const leakingTap = dan.locator('.visit', { hasText: 'Leaking tap' });
  await leakingTap.locator('.report-button').click();
  await leakingTap.locator('.report-button').click();
  assert.equal(await leakingTap.locator('.report-form').count(), 1, 'a second click opens no second form');
  assert.equal(await dan.evaluate(() => document.activeElement.name), 'outcome', 'the second click goes to the open form');
  assert.equal(await leakingTap.locator('.report-button').getAttribute('aria-expanded'), 'true');
  await accessible(dan, 'the day with a report form open');
  await leakingTap.locator('.cancel-report').click();
  assert.equal(await leakingTap.locator('.report-form').count(), 0, 'Cancel closes the form');
  assert.equal(await dan.evaluate(() => document.activeElement.classList.contains('report-button')), true,
    'focus goes back to the report button');
  step('"Record report" clicked twice shows one form; Cancel closes it');
  await leakingTap.locator('.report-button').click();
  await leakingTap.locator('select[name=outcome]').selectOption('fixed');
  await leakingTap.locator('textarea[name=workDone]').fill('Replaced the tap washer');
  await leakingTap.locator('button[type=submit]').click();
  await eventually('the visit shows its report', async () =>
    (await text(dan, '[data-engineer="Grace Engineer"]')).includes('reported: fixed')
    && (await dan.locator('[data-lane="Grace Engineer"] .block.completed').count()) === 1);
  assert.equal(await leakingTap.locator('.report-button').count(), 0, 'a reported visit takes no second report');
  await accessible(dan, 'the day with a completed visit');
  step('opened again, the form saves the report; the visit shows as completed');

  // tomorrow: drag Grace's 10:00 boiler noise to Hedy at 15:00
  await showDay(dan, tomorrow);
  await dan.locator('.block', { hasText: 'Boiler noise' }).waitFor();
  assert.equal(await dan.locator('[data-lane="Margaret Engineer"] .absence').getAttribute('title'), 'Away 12:00–14:00: training');
  // sf: Grace 10 h less 09:30–12:30 and 13:30–16:30 = 4 h, Hedy 8 h; oak: Hedy 8 h, Margaret 6 h worked less 08:30–11:30 = 3 h
  assert.equal(await free(dan, 'sf'), '12 h free');
  assert.equal(await free(dan, 'oak'), '11 h free');
  await drag(dan, 'Boiler noise', 'Hedy Engineer', '15:00');
  await dan.locator('#confirm-dialog[open]').waitFor();
  assert.match(await text(dan, '#confirm-text'), /^Move Boiler noise \(case #3\) from Grace Engineer, .* 10:00, to Hedy Engineer, .* 15:00\?$/);
  await accessible(dan, 'the day asking to confirm a move');
  await dan.click('#confirm-move');
  await eventually('dan is told the visit moved', async () =>
    /^Moved: Boiler noise \(case #3\) is now with Hedy Engineer on .*, 15:00–17:00\.$/.test(await text(dan, '#day-message')));
  await eventually('the block is in Hedy\'s lane', async () =>
    (await dan.locator('[data-lane="Hedy Engineer"] .block', { hasText: 'Boiler noise' }).count()) === 1
    && (await dan.locator('[data-lane="Grace Engineer"] .block', { hasText: 'Boiler noise' }).count()) === 0);
  const plan = (await call(danToken, 'GET', '/api/dispatch/visits?date=' + tomorrow)).body;
  const hedy = plan.engineers.find((e) => e.name === 'Hedy Engineer');
  assert.deepEqual(hedy.visits.map((v) => [v.description, v.startsAt]), [['Boiler noise', tomorrow + 'T15:00:00Z']]);
  // Grace keeps 14:00 (13:30–16:30 taken: 7 h free), Hedy's 15:00 takes 14:30–17:00 (5 h 30 min free); Margaret 3 h
  assert.equal(await free(dan, 'sf'), '12 h 30 min free');
  assert.equal(await free(dan, 'oak'), '8 h 30 min free');
  step('dragged the boiler noise from Grace at 10:00 to Hedy at 15:00, confirmed; the API and the page agree');
  await accessible(dan, 'the day after a move');

  // without a mouse: the dripping radiator to Hedy at 09:00 with its Move… button
  const radiator = dan.locator('.visit', { hasText: 'Dripping radiator' });
  await radiator.locator('.move-button').focus();
  await dan.keyboard.press('Enter');
  await dan.locator('#move-dialog[open]').waitFor();
  await dan.locator('#move-slots .slot').first().waitFor();
  await accessible(dan, 'the Move… form');
  await dan.selectOption('#move-engineer', { label: 'Hedy Engineer' });
  await dan.fill('#move-time', '09:00');
  await dan.locator('#move-continue').focus();
  await dan.keyboard.press('Enter');
  await dan.locator('#confirm-dialog[open]').waitFor();
  assert.match(await text(dan, '#confirm-text'), /from Grace Engineer, .* 14:00, to Hedy Engineer, .* 09:00\?$/);
  await dan.keyboard.press('Enter'); // "Move visit" has the focus
  await eventually('dan is told the radiator moved', async () =>
    /^Moved: Dripping radiator .* Hedy Engineer on .*, 09:00–11:00\.$/.test(await text(dan, '#day-message')));
  await eventually('the radiator is in Hedy\'s lane', async () =>
    (await dan.locator('[data-lane="Hedy Engineer"] .block', { hasText: 'Dripping radiator' }).count()) === 1);
  // Grace has nothing left: 10 h; Hedy 8 h less 09:00–11:30 and 14:30–17:00 = 3 h; Margaret 3 h
  await eventually('the free time follows', async () => (await free(dan, 'sf')) === '13 h free' && (await free(dan, 'oak')) === '6 h free');
  step('moved the dripping radiator to Hedy at 09:00 with the keyboard alone');

  // a taken slot: the blocked drain onto Hedy at 10:00, where the radiator now is
  await dan.locator('.visit', { hasText: 'Blocked drain' }).locator('.move-button').click();
  await dan.locator('#move-dialog[open]').waitFor();
  await dan.selectOption('#move-engineer', { label: 'Hedy Engineer' });
  await dan.fill('#move-time', '10:00');
  await dan.click('#move-continue');
  await dan.click('#confirm-move');
  await dan.locator('#move-result:not([hidden]) #next-slots').waitFor();
  assert.match(await text(dan, '#move-refusal'), /^Hedy Engineer is not free at 10:00 on .*Blocked drain stays where it was\.$/);
  // the drain is in oak: Hedy is free from 11:30 (after the radiator and its travel), Margaret only from 14:00
  assert.match(await text(dan, '#next-slots li'), /11:30–13:30 · Hedy Engineer$/);
  await accessible(dan, 'a refused move with the next free times');
  await dan.locator('#next-slots .slot').first().click();
  await dan.click('#confirm-move');
  await eventually('the drain moved to the first free time offered', async () =>
    /^Moved: Blocked drain .* Hedy Engineer on .*, 11:30–13:30\.$/.test(await text(dan, '#day-message')));
  step('a move onto a taken slot is refused with the next free times, and one of them is taken');

  // a change made elsewhere: the admin books Ada's radiator with Grace tomorrow at 08:00
  await dan.evaluate(() => { window.notReloaded = true; });
  const admin = await token('admin', ADMIN_PASSWORD);
  const booked = await call(admin, 'POST', '/api/cases/1/visits', { engineerId: 1, startsAt: tomorrow + 'T08:00:00Z' });
  assert.equal(booked.status, 201, 'the admin books: ' + JSON.stringify(booked.body));
  const bookedAt = Date.now();
  await eventually('the new visit appears on dan\'s page', async () =>
    (await dan.locator('[data-lane="Grace Engineer"] .block', { hasText: 'Radiator cold in the hall' }).count()) === 1,
  LIVE_WITHIN_MS);
  assert.equal(await dan.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  step('a visit the admin booked appeared on dan\'s page ' + (Date.now() - bookedAt) + ' ms later, without a reload');
  await accessible(dan, 'the day after a live change');
  await shot(dan, 'dispatch-timeline');

  // a phone
  const phone = await open('dan-phone', PHONE);
  await login(phone, 'dan', '/dispatch.html');
  await phone.locator('[data-lane="Grace Engineer"]').waitFor();
  await fitsWidth(phone, 'the dispatcher\'s day on a phone');
  await showDay(phone, tomorrow);
  await phone.locator('.visit', { hasText: 'Blocked drain' }).waitFor();
  await fitsWidth(phone, 'tomorrow on a phone');
  await accessible(phone, 'the dispatcher\'s day on a phone');
  await shot(phone, 'dispatch-phone');
  step('on a phone the day fits the width');
}
