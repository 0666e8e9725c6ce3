import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the demo city heads the portal and links every department to its disclosure office', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(baseURL + '/');
  assert.match(await page.locator('.brand-name').innerText(), /沈阳市人民政府/);
  const departments = page.locator('#depts-heading + ul a');
  assert.equal(await departments.count(), 12);
  assert.equal(await page.locator('#govs-heading + ul a').count(), 2);
  await screenshot(page, 'home-demo-zh-desktop');

  await page.locator('#depts-heading + ul').getByRole('link', { name: '沈阳市教育局' }).click();
  assert.match(await page.locator('h1').innerText(), /沈阳市教育局/);
  const office = page.getByRole('table');
  assert.match(await office.innerText(), /咨询电话/);
  assert.match(await office.innerText(), /周一至周五/);
  await screenshot(page, 'body-zh-desktop');

  await page.goto(baseURL + '/bodies/hp');
  assert.match(await page.locator('h1').innerText(), /和平区人民政府/);
  assert.ok(await page.locator('#depts-heading + ul a').count() >= 3);
  await context.close();
});

test('body pages fit a phone and speak English when asked', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  await page.goto(baseURL + '/bodies/sy-fgw?lang=en');
  assert.match(await page.locator('h1').innerText(), /Development and Reform Commission/);
  assert.match(await page.getByRole('table').innerText(), /Disclosure office|Phone/);
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'body-en-phone');
  await context.close();
});
