// Every page type of the portal and the console, at a desktop and a phone width: axe-core finds
// no WCAG 2.1 A/AA violation, the page does not scroll sideways, and a screenshot is saved for
// people to review (test-artifacts/screenshots/page-{type}-{width}.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, baseURL, viewports, screenshot, horizontalOverflow, signIn, demoPasswords, residentID,
  axeViolations, formatViolations,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// waitForIndex waits until the demo is searchable (the indexer fills Meilisearch after start).
async function waitForIndex(request) {
  for (let i = 0; i < 60; i++) {
    const body = await (await request.get(baseURL + '/api/v1/search?q=营商环境')).json();
    if (body.total > 0 && !body.degraded) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the demo never became searchable');
}

// A page type: who looks at it and how to get there. open leaves the page in the state to check.
const pageTypes = [
  { name: 'home', as: null, open: (p) => p.goto(baseURL + '/') },
  { name: 'home-en', as: null, open: (p) => p.goto(baseURL + '/?lang=en') },
  { name: 'body-home', as: null, open: (p) => p.goto(baseURL + '/bodies/sy-fgw') },
  { name: 'directory', as: null, open: (p) => p.goto(baseURL + '/bodies/sy/entries') },
  {
    name: 'column', as: null, open: async (p) => {
      await p.goto(baseURL + '/bodies/sy/entries');
      await p.locator('.column-tree li.depth-1 a, .column-tree li.depth-0 a').nth(1).click();
      await p.waitForURL(/\/columns\//);
    },
  },
  {
    name: 'entry', as: null, open: async (p, st) => {
      // An amended normative document: relations and a version history.
      const list = await (await p.request.get(baseURL + '/api/v1/bodies/sy/entries?kind=normative&validity=amended&page_size=1')).json();
      st.entryID = list.entries[0].id;
      await p.goto(baseURL + '/entries/' + st.entryID);
    },
  },
  { name: 'entry-print', as: null, open: (p, st) => p.goto(baseURL + `/entries/${st.entryID}?print=1`) },
  { name: 'entry-version', as: null, open: (p, st) => p.goto(baseURL + `/entries/${st.entryID}/versions/1`) },
  { name: 'normative', as: null, open: (p) => p.goto(baseURL + '/bodies/sy/normative?in_force_on=2024-01-01') },
  {
    name: 'search', as: null, open: async (p) => {
      await waitForIndex(p.request);
      await p.goto(baseURL + '/search?q=' + encodeURIComponent('营商环境'));
    },
  },
  {
    name: 'apply-errors', as: null, open: async (p) => {
      await p.goto(baseURL + '/apply?body=sy-fgw');
      await p.locator('button[name=op][value=submit]').click();
      await p.waitForLoadState();
      assert.ok(await p.locator('.field-error').count() > 0, 'the empty application shows field errors');
    },
    status: 422,
  },
  {
    name: 'apply-done', as: null, open: async (p, st) => {
      await p.goto(baseURL + '/apply?body=sy-fgw');
      await p.locator('#f-applicant_name').fill('王五');
      await p.locator('#f-id_number').fill(residentID('21010219900101123'));
      await p.locator('#f-phone').fill('13900002222');
      await p.locator('#f-address').fill('辽宁省沈阳市和平区南京北街1号');
      await p.locator('#f-description').fill(`请公开本委2025年政府投资项目计划（可访问性测试 ${Date.now()}）`);
      await p.locator('#f-consent').check();
      await p.locator('button[name=op][value=submit]').click();
      await p.waitForSelector('#tracking-no');
      st.trackingNo = (await p.locator('#tracking-no').innerText()).trim();
      st.code = (await p.locator('#query-code').innerText()).trim();
    },
  },
  { name: 'track-form', as: null, open: (p) => p.goto(baseURL + '/track') },
  {
    name: 'track-result', as: null, open: async (p, st) => {
      await p.goto(baseURL + '/track');
      await p.locator('#f-tracking_no').fill(st.trackingNo);
      await p.locator('#f-code').fill(st.code);
      await p.locator('form.track-form button[type=submit]').click();
      await p.waitForSelector('#status-heading');
    },
  },
  { name: 'deadline', as: null, open: (p) => p.goto(baseURL + '/deadline?from=2026-09-28&days=20') },
  { name: 'deadline-errors', as: null, open: (p) => p.goto(baseURL + '/deadline?from=2026-13-01&days=0'), status: 400 },
  { name: 'signin', as: null, open: (p) => p.goto(baseURL + '/signin') },
  {
    name: 'signin-error', as: null, open: async (p) => {
      await p.goto(baseURL + '/signin');
      await p.locator('#username').fill('nobody');
      await p.locator('#password').fill('wrong password');
      await p.locator('form.stacked button[type=submit]').click();
      await p.waitForSelector('#signin-error');
    },
    status: 422,
  },
  { name: 'not-found', as: null, open: (p) => p.goto(baseURL + '/no/such/page'), status: 404 },

  { name: 'console-officer', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console') },
  { name: 'workspace', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw') },
  {
    name: 'entry-form-errors', as: 'officer.fgw', open: async (p) => {
      await p.goto(baseURL + '/console/bodies/sy-fgw/entries/new');
      await p.locator('form.entry-form button[type=submit]').click();
      await p.waitForLoadState();
      assert.ok(await p.locator('.field-error').count() > 0, 'the empty entry form shows field errors');
    },
    status: 422,
  },
  {
    name: 'entry-edit', as: 'officer.fgw', open: async (p) => {
      await p.goto(baseURL + '/console/bodies/sy-fgw?status=published');
      await p.locator('.console-entries .action-cell a').first().click();
      await p.waitForURL(/\/edit$/);
    },
  },
  { name: 'columns', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw/columns') },
  { name: 'import', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw/import') },
  { name: 'applications', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw/applications?queue=open') },
  { name: 'register-application', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw/applications/new') },
  {
    name: 'application', as: 'officer.fgw', open: async (p) => {
      await p.goto(baseURL + '/console/bodies/sy-fgw/applications?queue=open');
      await p.locator('.app-queue .title-cell a').first().click();
      await p.waitForURL(/\/console\/applications\//);
    },
  },
  { name: 'appeals', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw/appeals') },
  { name: 'annual-report', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/bodies/sy-fgw/annual-reports/2025') },
  { name: 'report-drill', as: 'officer.fgw', open: (p) => p.goto(baseURL + '/console/bodies/sy-fgw/annual-reports/2025/drill?cell=t3%2Freceived%2Ftotal') },

  { name: 'console-auditor', as: 'auditor', open: (p) => p.goto(baseURL + '/console') },
  { name: 'audit-log', as: 'auditor', open: (p) => p.goto(baseURL + '/console/audit') },
  { name: 'compliance', as: 'auditor', open: (p) => p.goto(baseURL + '/console/compliance') },
  { name: 'report-rollup', as: 'auditor', open: (p) => p.goto(baseURL + '/console/bodies/sy/annual-reports/2025/rollup') },
  { name: 'calendar-admin', as: 'admin', open: (p) => p.goto(baseURL + '/console/calendar') },
];

for (const [width, viewport] of Object.entries(viewports)) {
  test(`every page type passes axe (WCAG 2.1 AA) and fits the screen at ${width} width (${viewport.width}px)`, async () => {
    const contexts = {};
    const pageFor = async (who) => {
      const key = who || 'public';
      if (!contexts[key]) {
        const context = await browser.newContext({ viewport, bypassCSP: true });
        const page = await context.newPage();
        if (who) await signIn(page, who, demoPasswords[who]);
        contexts[key] = page;
      }
      return contexts[key];
    };
    const state = {};
    const problems = [];
    const checked = [];
    for (const pt of pageTypes) {
      const started = Date.now();
      const page = await pageFor(pt.as);
      let status = 0;
      const onResponse = (r) => { if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) status = r.status(); };
      page.on('response', onResponse);
      try {
        await pt.open(page, state);
        await page.waitForLoadState('load');
      } catch (err) {
        problems.push(`${pt.name}: could not open the page: ${err.message}`);
        continue;
      } finally {
        page.off('response', onResponse);
      }
      const want = pt.status || 200;
      if (status !== want) problems.push(`${pt.name}: ${page.url()} answered ${status}, want ${want}`);
      await screenshot(page, `page-${pt.name}-${width}`);
      const violations = await axeViolations(page);
      if (violations.length) problems.push(formatViolations(`${pt.name} (${page.url()})`, violations));
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${pt.name}: scrolls sideways by ${overflow}px at ${viewport.width}px`);
      checked.push(pt.name);
      if (process.env.XXGK_E2E_TIMING) console.log(`${pt.name}: ${Date.now() - started} ms`);
    }
    for (const page of Object.values(contexts)) await page.context().close();
    assert.equal(problems.length, 0, `\n${problems.join('\n')}\n`);
    assert.equal(checked.length, pageTypes.length);
  });
}

test('the large-text, high-contrast display (适老化) is switched on without JavaScript, persists, and passes axe', async () => {
  // Without JavaScript: the header's switch is a link that sets a cookie and comes back.
  const plain = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: false });
  const np = await plain.newPage();
  await np.goto(baseURL + '/deadline?from=2026-09-28&days=20');
  await np.getByRole('link', { name: '适老模式' }).click();
  await np.waitForURL(baseURL + '/deadline?from=2026-09-28&days=20');
  assert.equal(await np.getAttribute('body', 'class'), 'elder');
  await np.goto(baseURL + '/bodies/sy-fgw');
  assert.equal(await np.getAttribute('body', 'class'), 'elder', 'the choice persists on other pages');
  const fontSize = await np.locator('main p').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontSize >= 20, `text is large (${fontSize}px)`);
  const cookies = await plain.cookies();
  await plain.close();

  const problems = [];
  // The phone is where large text is hardest to fit; the desktop adds only time.
  for (const [width, viewport] of [['phone', viewports.phone]]) {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    await context.addCookies(cookies);
    const page = await context.newPage();
    // One of each public layout: lists, the document, search, forms with errors, tables.
    const elderTypes = ['home', 'body-home', 'column', 'entry', 'search', 'apply-errors', 'track-form', 'deadline', 'signin-error', 'not-found'];
    for (const pt of pageTypes.filter((p) => elderTypes.includes(p.name))) {
      await pt.open(page, {});
      assert.equal(await page.getAttribute('body', 'class'), 'elder');
      await screenshot(page, `elder-${pt.name}-${width}`);
      const violations = await axeViolations(page);
      if (violations.length) problems.push(formatViolations(`elder ${pt.name} ${width}`, violations));
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`elder ${pt.name}: scrolls sideways by ${overflow}px at ${viewport.width}px`);
    }
    // And back to the standard display.
    await page.getByRole('link', { name: '标准模式' }).click();
    await page.waitForLoadState();
    assert.equal(await page.getAttribute('body', 'class'), null);
    await context.close();
  }
  assert.equal(problems.length, 0, `\n${problems.join('\n')}\n`);
});
