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

// signIn signs page in through the sign-in form and waits for the console.
export async function signIn(page, username, password) {
  await page.goto(baseURL + '/signin?next=/console');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.locator('form.stacked button[type=submit]').click();
  await page.waitForURL(baseURL + '/console');
}

// demoPasswords are the demo accounts' passwords (README, `xxgk serve --demo`).
export const demoPasswords = {
  'officer.fgw': 'xxgk-officer-demo',
  'officer.hp': 'xxgk-officer-demo',
  auditor: 'xxgk-auditor-demo',
  admin: 'xxgk-admin-demo',
};

// residentID completes 17 digits with the check character of GB 11643-1999.
export function residentID(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return first17 + '10X98765432'[sum % 11];
}

// axeTags are the WCAG 2.1 A and AA rules the portal must pass.
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axeViolations runs axe-core (from npm) on the page as it is and returns its violations, each
// with the elements it found. The context must be created with bypassCSP: the portal's CSP
// rightly refuses the injected script otherwise.
export async function axeViolations(page) {
  await page.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, axeTags);
}

// formatViolations prints axe's findings for a person to act on.
export function formatViolations(where, violations) {
  return violations.map((v) => `${where}: [${v.impact}] ${v.id} — ${v.help}\n` +
    v.nodes.map((n) => `    at ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`).join('\n')).join('\n');
}
