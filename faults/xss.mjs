// Loads pages that show stored or reflected injection payloads in headless Chromium and
// reports, per page, whether any script ran (a dialog, window.__xss), whether the payload
// reached the DOM as markup (inline scripts, event-handler attributes, javascript: links) and
// whether its text shows escaped. Driven by TestStoredInjectionInBrowser (xss_test.go), which
// passes {"pages": [{"url", "text"}]} on stdin and reads one JSON result on stdout.
import { chromium } from 'playwright-core';

const input = JSON.parse(await new Promise((resolve) => {
  let s = '';
  process.stdin.on('data', (d) => { s += d; });
  process.stdin.on('end', () => resolve(s));
}));
const browser = await chromium.launch({
  executablePath: process.env.XXGK_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // The machine has no internet: without these flags Chromium keeps trying to reach Google.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  const context = await browser.newContext();
  // Nothing leaves 127.0.0.1, whatever a payload points at.
  await context.route((url) => !/^https?:\/\/127\.0\.0\.1(:\d+)?\//.test(url.href) && !url.href.startsWith('data:') && !url.href.startsWith('about:'),
    (route) => route.abort());
  for (const p of input.pages) {
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    const resp = await page.goto(p.url, { waitUntil: 'load' });
    await page.waitForTimeout(100);
    const dom = await page.evaluate(() => ({
      xss: window.__xss !== undefined,
      inline: [...document.querySelectorAll('script:not([src])')].length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
      jsLinks: [...document.querySelectorAll('[href],[src],[action],[formaction]')].filter((el) =>
        ['href', 'src', 'action', 'formaction'].some((a) => /^\s*javascript:/i.test(el.getAttribute(a) || ''))).length,
      text: document.body ? document.body.innerText : '',
    }));
    results.push({
      url: p.url, status: resp ? resp.status() : 0, dialogs, xss: dom.xss, inline: dom.inline,
      handlers: dom.handlers, jsLinks: dom.jsLinks, textShown: p.text === '' || dom.text.replace(/\s+/g, ' ').includes(p.text.replace(/\s+/g, ' ').trim()),
    });
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }));
