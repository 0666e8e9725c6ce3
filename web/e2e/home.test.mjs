import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('home page is Chinese by default, switches to English and back, and remembers', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(baseURL + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.title(), /首页/);
  assert.equal(await page.getByRole('searchbox', { name: '搜索政府信息' }).count(), 1);
  assert.match(await page.locator('#disclosure-heading').innerText(), /政府信息公开/);
  await screenshot(page, 'home-zh-desktop');

  await page.getByRole('link', { name: '切换到英文' }).click();
  await page.waitForURL(baseURL + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('searchbox', { name: 'Search government information' }).count(), 1);
  assert.match(await page.locator('#disclosure-heading').innerText(), /Information disclosure/);

  // The choice persists across visits.
  await page.goto(baseURL + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await screenshot(page, 'home-en-desktop');

  await page.getByRole('link', { name: 'Switch to Chinese' }).click();
  await page.waitForURL(baseURL + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await context.close();
});

test('home page fits a 360-pixel phone without sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  await page.goto(baseURL + '/');
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'home-zh-phone');
  await context.close();
});

test('unknown pages answer 404 with a page that leads home', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const resp = await page.goto(baseURL + '/no/such/page');
  assert.equal(resp.status(), 404);
  assert.match(await page.locator('h1').innerText(), /页面不存在/);
  await page.getByRole('link', { name: '返回首页' }).click();
  await page.waitForURL(baseURL + '/');
  await context.close();
});

test('the skip link is the first thing the keyboard reaches and moves focus to the content', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseURL + '/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');
  await context.close();
});
