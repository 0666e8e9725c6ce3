import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The demo's entries reach Meilisearch through the outbox shortly after start: wait for them.
async function waitForIndex(request) {
  for (let i = 0; i < 60; i++) {
    const res = await request.get(baseURL + '/api/v1/search?q=营商环境');
    const body = await res.json();
    if (body.total > 0 && !body.degraded) return body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the demo never became searchable');
}

test('a citizen searches from the home page, narrows by facet, and opens a document', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await waitForIndex(context.request);
  await page.goto(baseURL + '/');
  await page.getByRole('searchbox').fill('营商环境');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const heading = await page.locator('#results-heading').innerText();
  const total = Number(heading.match(/\d+/)[0]);
  assert.ok(total > 0, heading);
  assert.ok(await page.locator('ol.hits mark').count() > 0, 'matches are highlighted');
  await screenshot(page, 'search-zh-desktop');

  // Narrowing by a kind facet can only shrink the result.
  const facet = page.locator('aside.facets a').filter({ hasText: '行政规范性文件' }).first();
  await facet.click();
  await page.waitForURL(/kind=normative/);
  const narrowed = Number((await page.locator('#results-heading').innerText()).match(/\d+/)[0]);
  assert.ok(narrowed > 0 && narrowed <= total, `${narrowed} of ${total}`);

  const first = page.locator('ol.hits h3 a').first();
  const title = (await first.innerText()).trim();
  await first.click();
  await page.waitForURL(/\/entries\/\d+$/);
  assert.equal((await page.locator('h1.entry-title').innerText()).trim(), title);
  await context.close();
});

test('an exact document number finds its document first, and the page fits a phone', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  const any = await waitForIndex(context.request);
  const withNo = any.hits.find((h) => h.doc_no);
  assert.ok(withNo, 'a demo hit with a document number');
  // Typed with ASCII brackets, as people do.
  const typed = withNo.doc_no.replace('〔', '[').replace('〕', ']');
  await page.goto(baseURL + '/search?q=' + encodeURIComponent(typed));
  const first = page.locator('ol.hits li').first();
  assert.match(await first.innerText(), new RegExp(withNo.doc_no.replace(/[[\]()]/g, '\\$&')));
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'search-docno-zh-phone');
  await context.close();
});
