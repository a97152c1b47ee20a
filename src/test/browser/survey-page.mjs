// The customer's survey page, without a login, in Debian's chromium on a phone and on a desktop.
// The admin closes two resolved cases through the API, which answers with each one's survey link;
// on a phone the customer opens the first link and answers with the keyboard only (a score, how
// likely they are to recommend us, a comment), sees the thank-you, and the answer is stored; the
// link again says it was answered; an unknown and an expired link (seeded by
// SurveyPageInTheBrowserTest) get their own pages. On a desktop the same with the second link.
// axe-core finds nothing serious on any of the pages, and on the phone none is wider than the screen.
// Run by SurveyPageInTheBrowserTest.
import assert from 'node:assert/strict';
import { run, step, open, text, shot, accessible, fitsWidth, PHONE, DESKTOP, BASE_URL, ADMIN_PASSWORD } from './lib.mjs';

const EXPIRED_LINK = '/survey/expired-link-for-the-browser'; // as SurveyPageInTheBrowserTest seeds it
const UNKNOWN_LINK = '/survey/a-link-nobody-was-sent';
const REFUSALS = /(status of|response code:) (404|409|410)/;

async function api(path, { method = 'GET', token, body, headers = {} } = {}) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, method + ' ' + path + ' answered ' + response.status + ': ' + await response.clone().text());
  return response.json();
}

/** Closes a resolved case as the admin; the answer carries the survey link sent to the customer. */
async function closeCase(admin, id) {
  const { version } = await api('/api/cases/' + id, { token: admin });
  const closed = await api('/api/cases/' + id + '/transitions', {
    method: 'POST', token: admin, headers: { 'If-Match': '"' + version + '"' },
    body: { to: 'closed', resolutionCode: 'fixed-by-phone', reason: 'customer confirmed' },
  });
  assert.match(closed.survey.link, /^\/survey\/[^/]+$/);
  return closed.survey.link;
}

async function focused(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.id);
}

/** Opens a link and checks the answer's status and the page's heading. */
async function visit(page, link, status, heading) {
  const response = await page.goto(link);
  assert.equal(response.status(), status, link.replace(/[^/]+$/, '…') + ' answered ' + response.status());
  assert.match(await text(page, 'h1'), heading);
}

/**
 * Answers with the keyboard only: Tab to the first score, arrow keys to `score`; Tab to the
 * recommendation ("I'd rather not say" is chosen), arrows up to `nps` (none: leave it); Tab to
 * the comment and type it; Tab to the button and press Enter.
 */
async function answerWithKeyboard(page, { score, nps, comment }) {
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'score-1', 'Tab first reaches the first score');
  for (let i = 1; i < score; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'score-' + score);
  assert.ok(await page.isChecked('#score-' + score), 'the arrow keys chose score ' + score);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'nps-none', 'Tab reaches the recommendation, on its chosen "rather not say"');
  if (nps !== undefined) {
    for (let i = 10; i >= nps; i--) await page.keyboard.press('ArrowUp');
    assert.equal(await focused(page), 'nps-' + nps);
    assert.ok(await page.isChecked('#nps-' + nps));
  }
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'comment');
  if (comment) await page.keyboard.type(comment);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'send');
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(response.status(), 200, 'the answer was taken');
}

async function otherPages(page, viewport, name) {
  await visit(page, UNKNOWN_LINK, 404, /do not know this survey link/);
  await accessible(page, 'the unknown link\'s page ' + name);
  if (viewport === PHONE) await fitsWidth(page, 'the unknown link\'s page on a phone');
  await visit(page, EXPIRED_LINK, 410, /has expired/);
  assert.match(await text(page, 'main p'), /30 days/);
  await accessible(page, 'the expired link\'s page ' + name);
  if (viewport === PHONE) await fitsWidth(page, 'the expired link\'s page on a phone');
  step('an unknown link (404) and an expired one (410) each get their own page ' + name);
}

async function customer(admin, viewport, name, caseId, link, answer) {
  const page = await open('customer-' + name, viewport, { allowedErrors: REFUSALS });
  await visit(page, link, 200, /How did we do\?/);
  assert.equal(await page.locator('input[name=score]').count(), 5);
  assert.equal(await page.locator('input[name=nps]').count(), 12);
  await accessible(page, 'the survey form ' + name);
  if (viewport === PHONE) await fitsWidth(page, 'the survey form on a phone');
  await shot(page, 'survey-page-' + (viewport === PHONE ? 'phone' : 'desktop'));

  await answerWithKeyboard(page, answer);
  assert.match(await text(page, 'h1'), /Thank you/);
  await accessible(page, 'the thank-you page ' + name);
  if (viewport === PHONE) await fitsWidth(page, 'the thank-you page on a phone');
  step('the customer answered with the keyboard only ' + name + ' and was thanked');

  const [stored] = await api('/api/cases/' + caseId + '/surveys', { token: admin });
  assert.equal(stored.score, answer.score);
  assert.equal(stored.nps, answer.nps === undefined ? null : answer.nps);
  assert.equal(stored.comment, answer.comment || null);
  assert.ok(stored.answeredAt);
  step('the answer is stored: ' + JSON.stringify({ score: stored.score, nps: stored.nps, comment: stored.comment }));

  await visit(page, link, 200, /already been answered/);
  assert.equal(await page.locator('form').count(), 0, 'no form once answered');
  await accessible(page, 'the already-answered page ' + name);
  if (viewport === PHONE) await fitsWidth(page, 'the already-answered page on a phone');
  step('the link again says it was already answered ' + name);

  await otherPages(page, viewport, name);
}

await run(async () => {
  const { token: admin } = await api('/api/login', { method: 'POST', body: { username: 'admin', password: ADMIN_PASSWORD } });
  const phoneLink = await closeCase(admin, 3);
  const desktopLink = await closeCase(admin, 4);
  step('closing two cases through the API answered with their survey links');

  await customer(admin, PHONE, 'on a phone', 3, phoneLink, { score: 4, nps: 9, comment: 'Quick and friendly' });
  await customer(admin, DESKTOP, 'on a desktop', 4, desktopLink, { score: 5 });
});
