import { chromium, type Browser } from 'playwright-core';

// Debian's chromium-headless-shell: the Chromium build Playwright itself runs headless tests on.
// The full browser's headless mode drew the same pages for a third more time (the browser tests
// took 120 s with it, 77 s with the shell, on the 2-core machine).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

/** Headless Chromium; the flags keep it off the network this machine does not have. */
export function launchChromium(): Promise<Browser> {
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

/** A mid-range Android phone. */
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
