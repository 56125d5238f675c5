import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium.mjs';

/** Screenshots of the browser tests, kept as CI artefacts. */
export const ARTEFACTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * Debian's Chromium (never a downloaded browser) and a page set up as the secretariat's PCs
 * are: Japanese locale, Japan time.
 */
export async function openBrowser(
  viewport = { width: 1280, height: 900 },
): Promise<{ browser: Browser; page: Page }> {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'admin-ui', 'index.html'))) {
    throw new Error('dist/admin-ui is missing: run `npm run build` (npm test does it) first');
  }
  mkdirSync(ARTEFACTS, { recursive: true });
  const browser = await launchChromium();
  const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport });
  return { browser, page };
}

/** Fills the console's login form and submits it. */
export async function submitLogin(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('ユーザー名').fill(login);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/** How long a browser assertion waits for the console to show what it expects. */
const EXPECT_TIMEOUT_MS = 10000;

/**
 * Exactly this text, text matching this expression, or text holding each of these parts (a
 * string as a substring, an expression matching somewhere).
 */
export type TextExpectation = string | RegExp | { contains: (string | RegExp)[] };

function describeExpectation(expected: TextExpectation): string {
  if (typeof expected === 'string') return `to be ${JSON.stringify(expected)}`;
  if (expected instanceof RegExp) return `to match ${String(expected)}`;
  const parts = expected.contains.map((part) =>
    part instanceof RegExp ? String(part) : JSON.stringify(part),
  );
  return `to contain ${parts.join(' and ')}`;
}

function meets(text: string, expected: TextExpectation): boolean {
  if (typeof expected === 'string') return text === expected;
  if (expected instanceof RegExp) return expected.test(text);
  return expected.contains.every((part) =>
    part instanceof RegExp ? part.test(text) : text.includes(part),
  );
}

/**
 * Reads `read()` until `meets` accepts its value, as the console renders asynchronously;
 * fails after the timeout naming what was expected and the last value read.
 */
async function until<T>(
  what: string,
  read: (timeout: number) => Promise<T>,
  meets: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      // At least a moment to read: an element that is there answers at once.
      const value = await read(Math.max(500, deadline - Date.now()));
      if (meets(value)) return value;
      last = JSON.stringify(value);
    } catch (error) {
      last = `nothing (${String(error).split('\n')[0]})`;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Expected ${what} within ${timeoutMs} ms; last read: ${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until the locator's text (`innerText`, or `textContent` when asked) meets `expected`,
 * and returns that text (for further checks of the same reading).
 */
export function expectText(
  locator: Locator,
  expected: TextExpectation,
  options: { textContent?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  const property = options.textContent ? 'textContent' : 'innerText';
  return until(
    `the ${property} of ${String(locator)} ${describeExpectation(expected)}`,
    async (timeout) =>
      options.textContent
        ? ((await locator.textContent({ timeout })) ?? '')
        : locator.innerText({ timeout }),
    (text) => meets(text, expected),
    options.timeoutMs ?? EXPECT_TIMEOUT_MS,
  );
}

/** Waits until the locator matches `expected` elements. */
export async function expectCount(
  locator: Locator,
  expected: number,
  timeoutMs = EXPECT_TIMEOUT_MS,
): Promise<void> {
  await until(
    `${String(locator)} to match ${expected} element(s)`,
    () => locator.count(),
    (count) => count === expected,
    timeoutMs,
  );
}
