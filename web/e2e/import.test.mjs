import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// today is the date in China, the latest 发布日期 the importer accepts: the imported entry is
// then the newest in the directory.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const title = `沈阳市发展和改革委员会关于导入测试的通知（${Date.now()}）`;
const header = '索引号,标题,发文字号,发文机关,成文日期,发布日期,类别,有效性,有效期至,废止日期,栏目,主题分类,内容概述,正文\n';
const good = `,${title},沈发改[2024]9号,沈阳市发展和改革委员会,${today},${today},其他,,,,统计信息,,为测试导入功能而发布。,\n`;
const bad = ',一行没有成文日期的条目,,,,,其他,,,,统计信息,,,\n';
const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + text, 'utf8') });

test('an officer imports a catalog file: sees the bad row, fixes it, finds the entry in the directory', async () => {
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(baseURL + '/signin?next=' + encodeURIComponent('/console/bodies/sy-fgw/import'));
  await page.getByLabel('用户名').fill('officer.fgw');
  await page.getByLabel('密码').fill('xxgk-officer-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console/bodies/sy-fgw/import');
  assert.match(await page.locator('h1').innerText(), /沈阳市发展和改革委员会：导入已有公开目录/);
  assert.ok(await page.getByRole('link', { name: '下载 Excel 模板' }).isVisible());

  await page.getByLabel(/^目录文件（/).setInputFiles(file('目录.csv', header + good + bad));
  await page.getByRole('button', { name: '上传' }).click();
  await page.waitForLoadState();
  const alert = page.getByRole('alert').first();
  assert.match(await alert.innerText(), /目录\.csv 有 1 处问题，未导入任何条目/);
  const problem = page.locator('table.import-problems tbody tr');
  assert.equal(await problem.count(), 1);
  assert.match(await problem.innerText(), /3\s+成文日期\s+required/);
  await screenshot(page, 'import-problems-zh-desktop');

  // Nothing was imported.
  await page.goto(baseURL + '/bodies/sy-fgw/entries');
  assert.doesNotMatch(await page.locator('main').innerText(), /导入测试的通知/);

  await page.goto(baseURL + '/console/bodies/sy-fgw/import');
  await page.getByLabel(/^目录文件（/).setInputFiles(file('目录.csv', header + good + bad.replace(',,,,,其他', `,,,${today},,其他`)));
  await page.getByRole('button', { name: '上传' }).click();
  await page.waitForLoadState();
  const status = page.getByRole('status');
  assert.match(await status.innerText(), /已从 目录\.csv 导入 2 条：已公开 1 条（其中 1 条由系统编索引号），草稿 1 条/);
  await screenshot(page, 'import-done-zh-desktop');

  await page.getByRole('link', { name: /查看本机关公开目录/ }).click();
  await page.waitForURL(baseURL + '/bodies/sy-fgw/entries');
  await page.getByRole('link', { name: title }).click();
  assert.match(await page.locator('main').innerText(), /沈发改〔2024〕9号/);
  await context.close();
});

test('the import page fits a phone', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  await page.goto(baseURL + '/signin?next=' + encodeURIComponent('/console/bodies/sy-fgw/import'));
  await page.getByLabel('用户名').fill('officer.fgw');
  await page.getByLabel('密码').fill('xxgk-officer-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(baseURL + '/console/bodies/sy-fgw/import');
  await page.getByLabel(/^目录文件（/).setInputFiles(file('目录.csv', header + bad + bad));
  await page.getByRole('button', { name: '上传' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('table.import-problems tbody tr').count(), 2);
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'import-problems-zh-phone');
  await context.close();
});
