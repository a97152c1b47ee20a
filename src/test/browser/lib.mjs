// What every browser script shares: Debian's chromium through playwright-core, pages that fail the
// run on a script error, logging in, waiting for a condition, screenshots, the test's control
// server, and axe-core's accessibility check. A script calls run(journey): it exits 0 when the
// journey finishes with no failed check and no script error on any page, 1 otherwise.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import path from 'node:path';

export const { BASE_URL, CONTROL_URL, PASSWORD, ADMIN_PASSWORD, CHROMIUM, SCREENSHOTS } = process.env;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export const DESKTOP = { width: 1440, height: 900 };
export const TV = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

let browser;
const pages = {};

/** Runs the journey in a fresh browser and exits with its verdict. */
export async function run(journey) {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  let exitCode = 0;
  try {
    await journey();
    for (const [name, page] of Object.entries(pages)) {
      assert.deepEqual(page.errors, [], name + '\'s page had script errors');
    }
    step('no page had a script error');
    console.log('All browser checks passed.');
  } catch (error) {
    exitCode = 1;
    console.error('FAILED: ' + (error.stack || error));
    for (const [name, page] of Object.entries(pages)) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'failure-' + name + '.png'), fullPage: true }).catch(() => {});
    }
  } finally {
    await browser.close();
  }
  process.exit(exitCode);
}

export function step(text) {
  console.log('✓ ' + text);
}

/**
 * A page in its own browser context (its own session), failing the run on any script error.
 * Console errors the page expects (a refusal it is checking for) are matched by allowedErrors.
 */
export async function open(name, viewport = DESKTOP, { allowedErrors = /(status of|response code:) 403/, permissions = [] } = {}) {
  const context = await browser.newContext({ viewport, permissions, baseURL: BASE_URL });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowedErrors.test(message.text())) page.errors.push(message.text());
  });
  pages[name] = page;
  return page;
}

export async function login(page, username, landing, password = PASSWORD) {
  await page.goto(BASE_URL + '/');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-button');
  await page.waitForURL('**' + landing);
}

export async function text(page, selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

export async function eventually(what, check, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Timed out waiting for: ' + what + (last ? ' (' + last.message + ')' : ''));
}

/** Asks the test's control server (CONTROL_URL) to do something: start a call, list AMI actions. */
export async function control(pathname, method = 'GET') {
  const response = await fetch(CONTROL_URL + pathname, { method });
  assert.ok(response.ok, 'control ' + pathname + ' answered ' + response.status);
  return response.status === 204 ? null : response.json();
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOTS, name + '.png'), fullPage: true });
}

/** Fails when axe-core finds a serious or critical violation on the page as it is now. */
export async function accessible(page, what) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — '
    + v.nodes.slice(0, 3).map((n) => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ') + ']' : '')).join('; ')),
  [], what + ' has serious or critical accessibility violations');
  step(what + ': axe-core finds no serious or critical violation');
}

/**
 * Fails when the page is wider than its viewport (it would scroll sideways), naming the first
 * elements that stick out (those whose parent does not, so the culprit rather than its boxes).
 */
export async function fitsWidth(page, what) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => {
    const limit = window.innerWidth;
    const clipped = (node) => {
      for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const sticksOut = (node) => node.getBoundingClientRect().right > limit + 0.5 && !clipped(node);
    const name = (node) => node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
      + (node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\s+/).join('.') : '');
    const wide = [...document.body.querySelectorAll('*')]
      .filter((node) => sticksOut(node) && !(node.parentElement && sticksOut(node.parentElement)))
      .slice(0, 5).map((node) => name(node) + ' (right edge ' + Math.round(node.getBoundingClientRect().right) + ' px)');
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: limit, wide };
  });
  assert.ok(scrollWidth <= innerWidth, what + ' is ' + scrollWidth + ' px wide in a ' + innerWidth + ' px window; '
    + 'sticking out: ' + wide.join(', '));
}

/** On the admin page: adds a user with the new-user form and waits for their row. */
export async function addUser(admin, { username, displayName, role, password }) {
  const form = admin.locator('#new-user-form');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=displayName]').fill(displayName);
  await form.locator('select[name=role]').selectOption(role);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
  await admin.locator('#user-list [data-user=' + username + ']').waitFor();
}

/** On the admin page: gives a user's row a queue member and phones and saves the row. */
export async function savePhones(admin, username, member, phones) {
  const row = admin.locator('#user-list [data-user=' + username + ']');
  await row.locator('input[aria-label^="Queue member"]').fill(member);
  await row.locator('input[aria-label^="Phones"]').fill(phones);
  await row.locator('.save-user').click();
}

/** On the admin page: waits until the user's row is saved with this member and these phones. */
export async function savedWithPhones(admin, username, member, phones) {
  const row = '#user-list [data-user=' + username + '] ';
  await eventually(username + ' is saved as ' + member + ' on ' + phones, async () =>
    (await text(admin, '#users-message')) === 'Saved ' + username + '.'
    && (await admin.locator(row + 'input[aria-label^="Phones"]').inputValue()) === phones
    && (await admin.locator(row + 'input[aria-label^="Queue member"]').inputValue()) === member);
}
