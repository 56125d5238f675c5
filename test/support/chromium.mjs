import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser), for the browser tests and bench:console. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What is wrong when the browser is not installed; undefined when it is. */
/** @returns {string | undefined} */
export function chromiumMissing() {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing: apt-get install chromium fonts-ipaexfont (.ci/run does it)`;
}

/** Chromium headless, without the sandbox (root), GPU, QUIC or anything calling home. */
export function launchChromium() {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
