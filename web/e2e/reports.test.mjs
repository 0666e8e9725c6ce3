import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, username, password) {
  await page.goto(baseURL + '/signin?next=/console');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console');
}

test('an officer opens the annual report draft, types in a figure and saves it', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await signIn(page, 'officer.fgw', 'xxgk-officer-demo');
  await page.getByRole('link', { name: /年度政府信息公开工作报告$/ }).click();
  await page.waitForURL(/\/bodies\/sy-fgw\/annual-reports\/\d{4}$/);
  const main = await page.locator('main').innerText();
  assert.match(main, /（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）/);
  assert.match(main, /3\.危及“三安全一稳定”/);
  assert.match(main, /勾稽关系检查/);
  assert.match(main, /草稿/);
  await screenshot(page, 'annual-report-draft-zh-desktop');

  await page.locator('#f-permits').fill('abc');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  assert.match(await page.locator('#f-permits-error').innerText(), /非负整数/);
  await page.locator('#f-permits').fill('128');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/done=saved/);
  assert.match(await page.getByRole('status').innerText(), /已保存/);
  assert.equal(await page.locator('#f-permits').inputValue(), '128');

  // Every number of table 三 leads to the records behind it.
  await page.locator('table.report-table3 tbody tr').first().locator('td a').last().click();
  await page.waitForURL(/\/drill\?cell=t3/);
  assert.match(await page.locator('h1').innerText(), /明细/);
  await context.close();
});

test('the annual report and the compliance page fit a phone', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  await signIn(page, 'auditor', 'xxgk-auditor-demo');
  await page.getByRole('link', { name: /年度政府信息公开工作报告$/ }).click();
  await page.waitForURL(/\/annual-reports\/\d{4}$/);
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'annual-report-zh-phone');
  await page.goto(baseURL + '/console/compliance?body=sy-fgw');
  assert.match(await page.locator('main').innerText(), /依申请公开按期答复率/);
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'compliance-zh-phone');
  await context.close();
});
