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

test('an officer drafts, publishes and corrects an entry through the console', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await signIn(page, 'officer.fgw', 'xxgk-officer-demo');

  // The console home leads to the body's workspace.
  await page.getByRole('link', { name: '沈阳市发展和改革委员会' }).click();
  await page.waitForURL(baseURL + '/console/bodies/sy-fgw');
  assert.match(await page.locator('main').innerText(), /迎检自查/);
  await screenshot(page, 'console-workspace-zh-desktop');

  const title = `关于做好价格监测工作的通知（浏览器测试 ${Date.now()}）`;
  await page.getByRole('link', { name: '新建信息' }).click();
  await page.waitForURL(/\/console\/bodies\/sy-fgw\/entries\/new$/);
  await page.locator('#f-title').fill(title);
  await page.locator('#f-summary').fill('部署全市重要民生商品价格监测工作。');
  await page.locator('#f-doc_no').fill('沈发改发[2026]9号');
  await page.locator('#f-subject').fill('综合政务\\政务公开');
  await page.locator('#f-column').selectOption('policy-other');
  await page.locator('#f-body').fill('各区、县（市）发展改革部门：\n现将有关事项通知如下。');
  await screenshot(page, 'console-entry-new-zh-desktop');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/console\/entries\/\d+\/edit\?done=created$/);
  assert.match(await page.getByRole('status').innerText(), /草稿已保存/);
  assert.equal(await page.locator('#f-doc_no').inputValue(), '沈发改发〔2026〕9号');

  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.waitForURL(/done=published$/);
  const indexNo = (await page.locator('.indexno').innerText()).trim();
  assert.match(indexNo, /^\S+\/\d{4}-\d{5}$/);
  const editURL = page.url().replace(/\?.*$/, '');

  // The public directory lists it, and its page shows the index number.
  await page.goto(baseURL + '/bodies/sy-fgw/entries');
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(/\/entries\/\d+$/);
  assert.match(await page.locator('table.entry-meta-table').innerText(), new RegExp(indexNo.replace('/', '\\/')));
  const publicURL = page.url();

  // A correction makes version 2; the history shows both.
  await page.getByRole('link', { name: '在工作台中编辑' }).click();
  await page.waitForURL(editURL);
  await page.locator('#f-title').fill(title + '（更正）');
  await page.locator('#f-note').fill('标题补充更正字样');
  await page.getByRole('button', { name: '保存更正（生成新版本）' }).click();
  await page.waitForURL(/done=saved$/);
  await page.goto(publicURL);
  assert.equal(await page.locator('ol.versions li').count(), 2);
  assert.match(await page.locator('ol.versions').innerText(), /标题补充更正字样/);
  assert.match(await page.locator('h1.entry-title').innerText(), /（更正）/);
  await screenshot(page, 'console-entry-corrected-public-zh-desktop');
  await context.close();
});

test('the workspace fits a phone', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  await signIn(page, 'officer.fgw', 'xxgk-officer-demo');
  for (const path of ['/console/bodies/sy-fgw', '/console/bodies/sy-fgw/entries/new', '/console/bodies/sy-fgw/columns']) {
    await page.goto(baseURL + path);
    assert.equal(await horizontalOverflow(page), 0, `${path} scrolls sideways on a phone`);
  }
  await page.goto(baseURL + '/console/bodies/sy-fgw');
  await screenshot(page, 'console-workspace-zh-phone');
  await context.close();
});
