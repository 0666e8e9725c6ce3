import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, baseURL, viewports, screenshot, horizontalOverflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// residentID completes 17 digits with the check character of GB 11643-1999.
function residentID(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return first17 + '10X98765432'[sum % 11];
}

const applicant = { name: '李四明', id: residentID('21010219880512345'), phone: '13900001111', email: 'lisiming@example.com', address: '辽宁省沈阳市沈河区市府大路200号' };
const description = `请公开沈阳市优化营商环境的政策文件清单（浏览器测试 ${Date.now()}）`;

async function fillApplication(page) {
  await page.locator('#f-applicant_name').fill(applicant.name);
  await page.locator('#f-id_number').fill(applicant.id);
  await page.locator('#f-phone').fill(applicant.phone);
  await page.locator('#f-email').fill(applicant.email);
  await page.locator('#f-address').fill(applicant.address);
  await page.locator('#f-description').fill(description);
}

test('a citizen applies, tracks the application, an officer answers it, the citizen downloads the letter', async () => {
  const citizen = await browser.newContext({ viewport: viewports.desktop, acceptDownloads: true });
  const page = await citizen.newPage();
  await page.goto(baseURL + '/');
  await page.getByRole('link', { name: '依申请公开' }).first().click();
  await page.waitForURL(/\/apply/);
  await page.locator('#f-body').selectOption('sy-fgw');
  // Organisation fields are hidden for a natural person, and shown for a company.
  assert.equal(await page.locator('#f-uscc').isVisible(), false);
  await page.locator('#f-applicant_type').selectOption('company');
  assert.equal(await page.locator('#f-uscc').isVisible(), true);
  await page.locator('#f-applicant_type').selectOption('person');
  await fillApplication(page);

  // Submitting without consent keeps everything typed and says what is missing.
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').first().innerText(), /申请未提交/);
  assert.match(await page.locator('#e-consent').innerText(), /勾选同意/);
  assert.equal(await page.locator('#f-applicant_name').inputValue(), applicant.name);
  assert.equal(await page.locator('#f-description').inputValue(), description);

  // Looking for published information first does not submit anything.
  await page.locator('#f-description').fill('营商环境');
  await page.getByRole('button', { name: '查找已公开信息' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('.suggestions').innerText(), /可能相关的已公开信息/);
  await screenshot(page, 'apply-suggestions-zh-desktop');
  await page.locator('#f-description').fill(description);

  await page.getByLabel(/我已阅读上述说明/).check();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('h1').innerText(), /申请已提交/);
  const trackingNo = (await page.locator('#tracking-no').innerText()).trim();
  const code = (await page.locator('#query-code').innerText()).trim();
  assert.match(trackingNo, /^YSQ-\d{4}-/);
  assert.ok(code.length >= 8, `query code ${code}`);
  assert.doesNotMatch(page.url(), new RegExp(code));
  assert.match(await page.locator('main').innerText(), /答复期限是怎样计算的/);
  await screenshot(page, 'apply-done-zh-desktop');

  // Tracking shows the status with the name masked.
  await page.getByRole('link', { name: '申请查询' }).last().click();
  await page.waitForURL(baseURL + '/track');
  await page.getByLabel('申请编号').fill(trackingNo);
  await page.getByLabel('查询码').fill('WRONG-CODE');
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(), /申请编号或查询码不正确/);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForLoadState();
  let text = await page.locator('main').innerText();
  assert.match(text, /李\*\*/);
  assert.match(text, /已提交，待确认/);
  for (const clear of [applicant.name, applicant.id, applicant.phone, applicant.email, '市府大路']) {
    assert.ok(!text.includes(clear), `the tracking page shows ${clear}`);
  }
  await screenshot(page, 'track-submitted-zh-desktop');

  // The officer confirms and answers it in the console.
  const office = await browser.newContext({ viewport: viewports.desktop });
  const op = await office.newPage();
  await op.goto(baseURL + '/signin?next=' + encodeURIComponent('/console/bodies/sy-fgw'));
  await op.getByLabel('用户名').fill('officer.fgw');
  await op.getByLabel('密码').fill('xxgk-officer-demo');
  await op.getByRole('button', { name: '登录' }).click();
  await op.waitForURL(baseURL + '/console/bodies/sy-fgw');
  await op.getByRole('link', { name: '依申请公开办理' }).click();
  await op.waitForURL(/\/console\/bodies\/sy-fgw\/applications/);
  await op.getByRole('link', { name: /^待确认/ }).click();
  await op.waitForLoadState();
  await screenshot(op, 'console-applications-zh-desktop');
  await op.getByRole('link', { name: trackingNo }).click();
  await op.waitForURL(new RegExp('/console/applications/' + trackingNo));
  assert.match(await op.locator('main').innerText(), new RegExp(applicant.name));
  await op.locator('#action-confirm summary').click();
  await op.locator('#action-confirm').getByRole('button', { name: '确认' }).click();
  await op.waitForLoadState();
  assert.match(await op.getByRole('status').first().innerText(), /已记录：确认收到申请/);
  await op.locator('#action-answer summary').click();
  const answer = op.locator('#action-answer');
  await answer.getByLabel('办理结果').selectOption('disclosed');
  await answer.getByLabel('答复内容').fill('您申请的政策文件清单已随本答复书提供，并已在本机关政府信息公开目录中主动公开。');
  await answer.getByRole('button', { name: '答复' }).click();
  await op.waitForLoadState();
  assert.match(await op.getByRole('status').first().innerText(), /已记录：作出答复/);
  assert.match(await op.locator('main').innerText(), /（一）予以公开/);
  await screenshot(op, 'console-application-answered-zh-desktop');
  await office.close();

  // The citizen sees the answer and downloads the letter.
  await page.goto(baseURL + '/track');
  await page.getByLabel('申请编号').fill(trackingNo);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForLoadState();
  text = await page.locator('main').innerText();
  assert.match(text, /已答复/);
  assert.match(text, /予以公开/);
  await screenshot(page, 'track-answered-zh-desktop');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /下载答复书/ }).click(),
  ]);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  const pdf = readFileSync(file);
  assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
  if (existsSync('/usr/bin/pdftotext')) {
    const dir = mkdtempSync(join(tmpdir(), 'letter-'));
    const path = join(dir, 'letter.pdf');
    writeFileSync(path, pdf);
    const letter = execFileSync('/usr/bin/pdftotext', ['-layout', path, '-']).toString().replace(/\s+/g, '');
    assert.match(letter, /政府信息公开申请答复书/);
    assert.ok(letter.includes(applicant.name), 'the letter is addressed by full name');
    assert.ok(letter.includes(trackingNo), 'the letter names the tracking number');
    assert.match(letter, /沈阳市发展和改革委员会/);
  }
  await citizen.close();
});

test('the application form fits a phone and speaks English', async () => {
  const context = await browser.newContext({ viewport: viewports.phone });
  const page = await context.newPage();
  await page.goto(baseURL + '/lang?to=en&next=' + encodeURIComponent('/apply?body=sy-fgw'));
  assert.match(await page.locator('h1').innerText(), /Apply for government information/);
  await page.getByRole('button', { name: 'Submit the application' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').first().innerText(), /The application was not submitted/);
  assert.match(await page.locator('main').innerText(), /Enter the applicant's name\./);
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'apply-errors-en-phone');
  await page.goto(baseURL + '/track');
  assert.equal(await horizontalOverflow(page), 0);
  await context.close();
});
