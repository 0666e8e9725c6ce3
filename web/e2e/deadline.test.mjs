import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a citizen works out when the answer is due, and sees why', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(baseURL + '/deadline');
  assert.match(await page.locator('h1').innerText(), /答复期限计算器/);
  assert.equal(await page.getByLabel(/工作日天数/).inputValue(), '20');

  await page.getByLabel(/起算日期/).fill('2025-01-20');
  await page.getByLabel(/工作日天数/).fill('20');
  await page.getByRole('button', { name: '计算' }).click();
  await page.waitForURL(/\/deadline\?from=2025-01-20&days=20/);

  assert.equal(await page.locator('#deadline-due').innerText(), '2025-02-21');
  const steps = await page.locator('#deadline-steps').innerText();
  assert.match(steps, /跳过春节假期 2025-01-28 至 2025-02-04/);
  assert.match(steps, /2025-01-26（星期日）为春节调休上班日/);
  assert.match(steps, /第 20 个工作日为 2025-02-21（星期五）/);
  // The form keeps the question for the next one.
  assert.equal(await page.getByLabel(/起算日期/).inputValue(), '2025-01-20');
  await screenshot(page, 'deadline-zh-desktop');

  // A mistake is explained at the field, the values kept.
  await page.getByLabel(/工作日天数/).fill('500');
  await page.getByRole('button', { name: '计算' }).click();
  await page.waitForURL(/days=500/);
  assert.match(await page.locator('#deadline-days-error').innerText(), /1 至 200/);
  assert.equal(await page.getByLabel(/工作日天数/).inputValue(), '500');
  await context.close();
});

test('the calculator works without JavaScript, in English, on a phone', async () => {
  const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseURL + '/deadline?lang=en');
  await page.getByLabel(/Start date/).fill('2026-02-10');
  await page.getByLabel(/Working days/).fill('20');
  await page.getByRole('button', { name: 'Calculate' }).click();
  await page.waitForURL(/from=2026-02-10/);
  assert.equal(await page.locator('#deadline-due').innerText(), '2026-03-16');
  assert.match(await page.locator('#deadline-steps').innerText(), /Skipped the Spring Festival holiday, 2026-02-15 to 2026-02-23/);
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'deadline-en-phone');
  await context.close();
});

test('an administrator sees the calendar years and a bad holiday file is refused by line', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(baseURL + '/signin?next=/console');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('xxgk-admin-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console');
  await page.getByRole('link', { name: /工作日历/ }).click();
  await page.waitForURL(baseURL + '/console/calendar');
  const years = await page.locator('table.calendar-years').innerText();
  assert.match(years, /2026\s+248/);
  assert.match(years, /系统内置/);

  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cal-'));
  const file = join(dir, 'bad.csv');
  writeFileSync(file, 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,workday,春节\n');
  await page.getByLabel(/节假日安排文件/).setInputFiles(file);
  await page.getByRole('button', { name: /上传并重新计算/ }).click();
  await page.waitForURL(baseURL + '/console/calendar');
  assert.match(await page.locator('#calendar-error').innerText(), /第 3 行 kind 列/);
  assert.doesNotMatch(await page.locator('table.calendar-years').innerText(), /^2027/m);
  await screenshot(page, 'calendar-admin-zh-desktop');
  await context.close();
});

test('an officer cannot open the calendar administration', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseURL + '/signin?next=/console');
  await page.getByLabel('用户名').fill('officer.fgw');
  await page.getByLabel('密码').fill('xxgk-officer-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console');
  const resp = await page.goto(baseURL + '/console/calendar');
  assert.equal(resp.status(), 403);
  await context.close();
});
