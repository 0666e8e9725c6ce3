// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core. The Go test
// TestBrowser (cmd/xxgk) starts `xxgk serve` on a test database and runs these files with
// XXGK_BASE_URL pointing at it.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const baseURL = process.env.XXGK_BASE_URL || 'http://127.0.0.1:8080';
const artifacts = process.env.XXGK_TEST_ARTIFACTS || 'test-artifacts';

// The machine has no internet: without these flags Chromium keeps trying to reach Google.
const args = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.XXGK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
  });
}

export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 360, height: 740 },
};

// screenshot saves a full-page PNG for people to review; the test run prints the folder.
export async function screenshot(page, name) {
  const dir = join(artifacts, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

// noHorizontalScroll fails when the page is wider than the viewport (a phone must not scroll
// sideways).
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
