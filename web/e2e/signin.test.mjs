import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseURL, viewports, screenshot } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an officer signs in with the keyboard, sees their body, and signs out', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(baseURL + '/console');
  await page.waitForURL(/\/signin\?next=/);

  await page.getByLabel('用户名').fill('officer.fgw');
  await page.getByLabel('密码').fill('wrong password');
  await page.keyboard.press('Enter');
  assert.match(await page.getByRole('alert').innerText(), /用户名或密码错误/);
  assert.equal(await page.getByLabel('用户名').inputValue(), 'officer.fgw');
  await screenshot(page, 'signin-error-zh-desktop');

  await page.getByLabel('密码').fill('xxgk-officer-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console');
  assert.match(await page.locator('main').innerText(), /沈阳市发展和改革委员会/);
  assert.doesNotMatch(await page.locator('main').innerText(), /沈阳市教育局/);
  await screenshot(page, 'console-officer-zh-desktop');

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(baseURL + '/');
  await page.goto(baseURL + '/console');
  await page.waitForURL(/\/signin/);
  await context.close();
});

test('an auditor filters the audit log and exports it; an officer cannot open it', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(baseURL + '/signin?next=/console');
  await page.getByLabel('用户名').fill('auditor');
  await page.getByLabel('密码').fill('xxgk-auditor-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console');
  assert.match(await page.locator('main').innerText(), /审计员只能查看和导出/);

  await page.getByRole('link', { name: /审计日志/ }).click();
  await page.waitForURL(/\/console\/audit/);
  // The demo load and the auditor's own sign-in are in the log.
  await page.locator('select[name=action]').selectOption('user.signin');
  await page.getByRole('button', { name: '筛选' }).click();
  const rows = page.locator('table.list tbody tr');
  assert.ok(await rows.count() >= 1);
  for (const text of await rows.allInnerTexts()) assert.match(text, /user\.signin/);
  await screenshot(page, 'audit-auditor-zh-desktop');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '导出 Excel' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^audit-.*\.xlsx$/);
  await context.close();

  const officer = await browser.newContext({ viewport: viewports.desktop });
  const op = await officer.newPage();
  await op.goto(baseURL + '/signin?next=/console');
  await op.getByLabel('用户名').fill('officer.fgw');
  await op.getByLabel('密码').fill('xxgk-officer-demo');
  await op.getByRole('button', { name: '登录' }).click();
  await op.waitForURL(baseURL + '/console');
  const res = await op.goto(baseURL + '/console/audit');
  assert.equal(res.status(), 403);
  await officer.close();
});
