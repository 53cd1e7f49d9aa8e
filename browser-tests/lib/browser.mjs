// Launching Debian's Chromium through playwright-core. Never downloads a
// browser: the executable comes from $CHROMIUM_BIN or /usr/bin/chromium.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The same fonts and hinting on every run, so layout numbers are stable.
  '--font-render-hinting=none',
];

export async function launch() {
  if (!existsSync(CHROMIUM_BIN)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_BIN}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_BIN)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS, timeout: 60_000 });
}
