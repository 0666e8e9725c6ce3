// End-to-end flows across the three faces: an officer publishes a document with an attachment,
// a citizen finds it by search and downloads the attachment; an auditor exports a body's annual
// report. Sign-in and search are done with the keyboard only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { launch, baseURL, viewports, screenshot, demoPasswords } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// keyboardSignIn signs in by typing and pressing Enter, as a keyboard user does.
async function keyboardSignIn(page, username) {
  await page.goto(baseURL + '/signin?next=/console');
  await page.locator('#username').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(demoPasswords[username]);
  await page.keyboard.press('Enter');
  await page.waitForURL(baseURL + '/console');
}

test('an officer publishes a document with an attachment; a citizen finds it by search and downloads the attachment', async () => {
  const stamp = Date.now();
  const title = `关于开展重点用能单位节能监察的通知（流程测试 ${stamp}）`;
  const officer = await browser.newContext({ viewport: viewports.desktop });
  const op = await officer.newPage();
  await keyboardSignIn(op, 'officer.fgw');
  await op.goto(baseURL + '/console/bodies/sy-fgw/entries/new');
  await op.locator('#f-title').fill(title);
  await op.locator('#f-summary').fill('部署2026年度重点用能单位节能监察工作。');
  await op.locator('#f-subject').fill('综合政务\\政务公开');
  await op.locator('#f-column').selectOption('policy-other');
  await op.locator('#f-body').fill('各有关单位：\n现将有关事项通知如下。');
  await op.locator('form.entry-form button[type=submit]').click();
  await op.waitForURL(/\/console\/entries\/\d+\/edit\?done=created$/);

  const pdf = Buffer.from(`%PDF-1.4\n%${'x'.repeat(3000)}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
  await op.locator('input[type=file][name=file]').setInputFiles([{ name: '节能监察工作方案.pdf', mimeType: 'application/pdf', buffer: pdf }]);
  await op.locator('form[action$="/attachments"] button[type=submit]').click();
  await op.waitForLoadState();
  assert.match(await op.locator('ul.attachments').innerText(), /节能监察工作方案\.pdf/);
  await op.getByRole('button', { name: '发布', exact: true }).click();
  await op.waitForURL(/done=published$/);
  await officer.close();

  // A citizen searches with the keyboard only, opens the document and downloads the attachment.
  const citizen = await browser.newContext({ viewport: viewports.phone, acceptDownloads: true });
  const page = await citizen.newPage();
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    const body = await (await citizen.request.get(baseURL + '/api/v1/search?q=' + encodeURIComponent(String(stamp)))).json();
    found = body.hits?.some((h) => h.title === title);
    if (!found) await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(found, 'the published document became searchable');
  await page.goto(baseURL + '/');
  await page.locator('#q').focus();
  await page.keyboard.type(`节能监察 ${stamp}`);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const hit = page.locator('ol.hits a').filter({ hasText: String(stamp) }).first();
  await hit.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/entries\/\d+$/);
  assert.equal((await page.locator('h1.entry-title').innerText()).trim(), title);
  assert.match(await page.locator('table.entry-meta-table').innerText(), /\d{4}年\d{1,2}月\d{1,2}日/);
  const link = page.getByRole('link', { name: '节能监察工作方案.pdf' });
  assert.match(await page.locator('ul.attachments').innerText(), /PDF · [\d.]+ KB/);
  await screenshot(page, 'flow-entry-with-attachment-phone');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), '节能监察工作方案.pdf');
  assert.equal((await stat(await download.path())).size, pdf.length, 'the whole file arrives');
  await citizen.close();
});

test('an auditor lands on the reports of every body and exports one as Excel', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop, acceptDownloads: true });
  const page = await context.newPage();
  await keyboardSignIn(page, 'auditor');
  const table = page.locator('table.console-reports');
  assert.ok(await table.locator('tbody tr').count() >= 20, 'every body is listed');
  const row = table.locator('tbody tr').filter({ hasText: '沈阳市发展和改革委员会' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Excel' }).click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx file (a zip)');
  await context.close();
});
