import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

// Files of applications (web/application_files.go): an ID scan with the application, a file
// released with the answer, downloaded by the applicant with the query code.

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function residentID(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return first17 + '10X98765432'[sum % 11];
}

// A 1×1 PNG, the "ID scan", and a tiny PDF, the released information.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

test('an applicant attaches an ID scan; the officer releases a file the applicant downloads with the code', async () => {
  const citizen = await browser.newContext({ viewport: viewports.desktop, acceptDownloads: true });
  const page = await citizen.newPage();
  await page.goto(baseURL + '/apply?body=sy-fgw');
  await page.locator('#f-applicant_name').fill('赵六');
  await page.locator('#f-id_number').fill(residentID('21010219790101234'));
  await page.locator('#f-phone').fill('13900002222');
  await page.locator('#f-address').fill('辽宁省沈阳市皇姑区黄河南大街1号');
  await page.locator('#f-description').fill(`请公开2025年重点项目投资计划（附件测试 ${Date.now()}）`);
  await page.locator('#f-files').setInputFiles([{ name: '身份证扫描件.png', mimeType: 'image/png', buffer: png }]);
  await page.getByLabel(/我已阅读上述说明/).check();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('h1').innerText(), /申请已提交/);
  assert.match(await page.locator('#files-stored').innerText(), /身份证扫描件\.png/);
  const trackingNo = (await page.locator('#tracking-no').innerText()).trim();
  const code = (await page.locator('#query-code').innerText()).trim();
  await screenshot(page, 'apply-done-files-zh-desktop');

  const office = await browser.newContext({ viewport: viewports.desktop, acceptDownloads: true });
  const op = await office.newPage();
  await op.goto(baseURL + '/signin?next=' + encodeURIComponent('/console/applications/' + trackingNo));
  await op.getByLabel('用户名').fill('officer.fgw');
  await op.getByLabel('密码').fill('xxgk-officer-demo');
  await op.getByRole('button', { name: '登录' }).click();
  await op.waitForURL(new RegExp('/console/applications/' + trackingNo));
  const files = op.locator('#files');
  assert.match(await files.innerText(), /身份证扫描件\.png[\s\S]*申请人提交/);
  const [scan] = await Promise.all([op.waitForEvent('download'), files.getByRole('link', { name: '身份证扫描件.png' }).click()]);
  assert.deepEqual(readFileSync(await scan.path()), png);
  await files.getByLabel('公开的文件').setInputFiles([{ name: '2025年重点项目投资计划.pdf', mimeType: 'application/pdf', buffer: pdf }]);
  await files.getByRole('button', { name: '上传' }).click();
  await op.waitForLoadState();
  assert.match(await op.getByRole('status').first().innerText(), /文件已上传/);
  assert.match(await op.locator('#files').innerText(), /2025年重点项目投资计划\.pdf/);
  await op.locator('#action-confirm summary').click();
  await op.locator('#action-confirm').getByRole('button', { name: '确认' }).click();
  await op.waitForLoadState();
  await op.locator('#action-answer summary').click();
  const answer = op.locator('#action-answer');
  await answer.getByLabel('办理结果').selectOption('disclosed');
  await answer.getByLabel('答复内容').fill('您申请的投资计划已随本答复书提供。');
  await answer.getByRole('button', { name: '答复' }).click();
  await op.waitForLoadState();
  await screenshot(op, 'console-application-files-zh-desktop');
  await office.close();

  // The applicant, on a phone, sees only the released file and downloads it.
  const phone = await browser.newContext({ viewport: viewports.phone, acceptDownloads: true });
  const tp = await phone.newPage();
  await tp.goto(baseURL + '/track');
  await tp.getByLabel('申请编号').fill(trackingNo);
  await tp.getByLabel('查询码').fill(code);
  await tp.getByRole('button', { name: '查询' }).click();
  await tp.waitForLoadState();
  const text = await tp.locator('main').innerText();
  assert.match(text, /随答复公开的文件/);
  assert.ok(!text.includes('身份证扫描件'), 'the tracking page shows the applicant\'s own file');
  assert.equal(await horizontalOverflow(tp), 0);
  await screenshot(tp, 'track-released-files-zh-phone');
  const [released] = await Promise.all([tp.waitForEvent('download'), tp.getByRole('button', { name: /2025年重点项目投资计划\.pdf/ }).click()]);
  assert.deepEqual(readFileSync(await released.path()), pdf);
  await phone.close();
  await citizen.close();
});
