// The demo is one connected site: starting from the home page (or, signed in, from the console)
// and following only links, a visitor reaches every page type, and no link leads to a missing
// page or a server error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseURL, demoPasswords } from './browser.mjs';

// The public page types and how to tell them from their paths.
const publicTypes = {
  'home': /^\/$/,
  'body home': /^\/bodies\/[^/]+$/,
  'directory': /^\/bodies\/[^/]+\/entries$/,
  'column': /^\/bodies\/[^/]+\/columns\/[^/]+$/,
  'normative in force': /^\/bodies\/[^/]+\/normative$/,
  'entry': /^\/entries\/\d+$/,
  'entry version': /^\/entries\/\d+\/versions\/\d+$/,
  'search results': /^\/search$/,
  'apply form': /^\/apply$/,
  'track form': /^\/track$/,
  'deadline calculator': /^\/deadline$/,
  'sign-in': /^\/signin$/,
  'feed': /\.atom$/,
  'catalog export': /\/catalog\.(csv|xlsx)$/,
};

// What an auditor reaches from the console (annual reports are public only once locked, and
// the demo's are still drafts, so they are reached signed in).
const auditorTypes = {
  'console': /^\/console$/,
  'workspace': /^\/console\/bodies\/[^/]+$/,
  'applications queue': /^\/console\/bodies\/[^/]+\/applications$/,
  'application': /^\/console\/applications\/[^/]+$/,
  'appeals': /^\/console\/bodies\/[^/]+\/appeals$/,
  'audit log': /^\/console\/audit$/,
  'audit export': /^\/console\/audit\/export$/,
  'compliance': /^\/console\/compliance$/,
  'compliance export': /^\/console\/compliance\.xlsx$/,
  'annual report': /^\/bodies\/[^/]+\/annual-reports\/\d{4}$/,
  'annual report export': /^\/api\/v1\/bodies\/[^/]+\/annual-reports\/\d{4}\.(xlsx|pdf|json)$/,
  'report drill-down': /\/annual-reports\/\d{4}\/drill$/,
};

function hrefs(html) {
  const out = [];
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) out.push(m[1].replace(/&amp;/g, '&'));
  return out;
}

// shape names a family of pages (numbers and tracking numbers replaced) for the caps below.
function shape(pathname) {
  return pathname.replace(/YSQ-[A-Z0-9-]+/g, 'T').replace(/\d+/g, 'N');
}

// crawl follows every same-site link from start and returns what it found. A path with a query
// string (pages of a list, facets, sorts) is followed at most perPathQueries times per path, and
// a family of pages at most perShape times: enough to prove the links work without walking
// every combination of filters. Only paths matching follow are followed.
async function crawl(start, { cookie = '', perPathQueries = 12, perShape = Infinity, follow = /^/, types }) {
  const origin = new URL(baseURL).origin;
  const seen = new Set([start]);
  const from = new Map([[start, '(start)']]);
  const queue = [start];
  const queries = new Map();
  const shapes = new Map();
  const broken = [];
  const reached = new Map();
  let fetched = 0;
  const visit = async (path) => {
    const res = await fetch(baseURL + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    fetched++;
    if (res.status >= 500 || res.status === 404) {
      broken.push(`${path} answered ${res.status} (linked from ${from.get(path)})`);
      await res.arrayBuffer();
      return;
    }
    const pathname = new URL(path, baseURL).pathname;
    for (const [name, re] of Object.entries(types)) {
      if (re.test(pathname) && !reached.has(name)) reached.set(name, path);
    }
    if (!(res.headers.get('content-type') || '').startsWith('text/html')) { await res.arrayBuffer(); return; }
    for (const href of hrefs(await res.text())) {
      if (href.startsWith('#') || /^(mailto|tel):/.test(href)) continue;
      const u = new URL(href, baseURL + path);
      if (u.origin !== origin || !follow.test(u.pathname)) continue;
      const next = u.pathname + u.search;
      if (seen.has(next)) continue;
      if (u.search) {
        const n = queries.get(u.pathname) || 0;
        if (n >= perPathQueries) continue;
        queries.set(u.pathname, n + 1);
      }
      const sh = shape(u.pathname);
      const k = shapes.get(sh) || 0;
      if (k >= perShape) continue;
      shapes.set(sh, k + 1);
      seen.add(next);
      from.set(next, path);
      queue.push(next);
    }
  };
  while (queue.length) await Promise.all(queue.splice(0, 6).map(visit));
  return { broken, reached, fetched, missing: Object.keys(types).filter((name) => !reached.has(name)) };
}

function report(what, r) {
  console.log(`${what}: crawled ${r.fetched} URLs; page types reached:\n` + [...r.reached].map(([k, v]) => `  ${k}: ${v}`).join('\n'));
}

test('every public page type is reachable by links from the home page, and no link is broken', async () => {
  const r = await crawl('/', { types: publicTypes });
  assert.deepEqual(r.broken, [], `broken links:\n${r.broken.join('\n')}`);
  assert.deepEqual(r.missing, [], `page types no link leads to (crawled ${r.fetched} URLs)`);
  report('public', r);
});

test('signed in, an auditor reaches every console page type and report export by links, none broken', async () => {
  const res = await fetch(baseURL + '/signin', {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(baseURL).origin },
    body: new URLSearchParams({ username: 'auditor', password: demoPasswords.auditor, next: '/console' }),
  });
  assert.equal(res.status, 303);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  // The public pages were walked above: here only what signing in adds.
  const follow = /^\/(console|api\/v1\/bodies\/[^/]+\/annual-reports|bodies\/[^/]+\/annual-reports)/;
  const r = await crawl('/console', { cookie, perShape: 10, perPathQueries: 6, follow, types: auditorTypes });
  assert.deepEqual(r.broken, [], `broken links:\n${r.broken.join('\n')}`);
  assert.deepEqual(r.missing, [], `page types no link leads to (crawled ${r.fetched} URLs)`);
  report('auditor', r);
});
