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
