// What each page makes the browser download before it is interactive: every
// JavaScript and WebAssembly file under /pkg that a real Chromium fetches
// while it loads and hydrates the page, raw and brotli-compressed, against
// the page's budget.
//
//   node scripts/route-bytes.mjs [--check] [--files]
//
// Starts the release binary on a fresh SQLite database, signs up, makes a
// set and answers two questions, so that the logged-in pages have something
// to show. With --check it exits 1 when a page is over its budget; with
// --files it lists each page's files under its line.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

import { chromiumPath, root, served } from './lib/served.mjs';

const require = createRequire(join(root, 'end2end', 'package.json'));
const { chromium } = require('@playwright/test');

const check = process.argv.includes('--check');
const listFiles = process.argv.includes('--files');
const KB = 1000;

// Brotli budgets: the public pages, practice, and every other page.
const PUBLIC = 100 * KB;
const PRACTICE = 220 * KB;
const OTHER = 250 * KB;

const { base, cookie, slug, attempts: ids, mocks, stop } = await served(
  Number(process.env.ROUTE_BYTES_PORT ?? 3109),
);

try {
  const routes = [
    ['/', PUBLIC, false],
    ['/roles', PUBLIC, false],
    ['/roles/backend-engineer', PUBLIC, false],
    [`/s/${slug}`, PUBLIC, false],
    ['/login', OTHER, false],
    ['/signup', OTHER, false],
    [`/practice/${slug}`, PRACTICE, true],
    [`/practice/${slug}/compare?a=${ids[0]}&b=${ids[1]}`, OTHER, true],
    [`/practice/${slug}/drill?attempt=${ids[1]}&part=structure`, OTHER, true],
    [`/practice/${slug}/print`, OTHER, true],
    [`/practice/${slug}/mock`, OTHER, true],
    [`/mock/${mocks.running}`, PRACTICE, true],
    [`/mock/${mocks.report}`, OTHER, true],
    ['/me', OTHER, true],
    ['/me/settings', OTHER, true],
  ];

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const brotli = new Map();
  const rows = [];
  for (const [path, budget, private_] of routes) {
    // A fresh context per page: nothing cached from the page before.
    const context = await browser.newContext();
    if (private_) {
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: base }]);
    }
    const page = await context.newPage();
    const files = new Map();
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/pkg/') || !/\.(js|wasm)$/.test(url.pathname)) return;
      files.set(url.pathname, response.body());
    });
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    // Interactive: every island, including those loaded on demand, has
    // hydrated.
    await page.waitForSelector('html[data-interactive]', { state: 'attached' });
    let raw = 0;
    let br = 0;
    for (const [name, body] of files) {
      const bytes = await body;
      raw += bytes.length;
      if (!brotli.has(name)) {
        brotli.set(
          name,
          brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          }).length,
        );
      }
      br += brotli.get(name);
    }
    rows.push({
      path: path.replace(slug, '{slug}').replace(/=\d+/g, '=N'),
      files: files.size,
      names: [...files.keys()].map((name) => name.replace('/pkg/', '')).sort(),
      raw,
      br,
      budget,
    });
    await context.close();
  }
  await browser.close();

  const kb = (n) => `${(n / KB).toFixed(1)} KB`.padStart(10);
  console.log(`${'page'.padEnd(50)} files        raw     brotli     budget`);
  let over = 0;
  for (const r of rows) {
    const flag = r.br > r.budget ? '  over' : '';
    if (flag) over++;
    console.log(`${r.path.padEnd(50)} ${String(r.files).padStart(5)} ${kb(r.raw)} ${kb(r.br)} ${kb(r.budget)}${flag}`);
    if (listFiles) {
      for (const name of r.names) console.log(`    ${name}`);
    }
  }
  console.log(`${over} of ${rows.length} pages over their brotli budget`);
  stop();
  process.exit(check && over > 0 ? 1 : 0);
} catch (error) {
  console.error(`route-bytes: ${error.message}`);
  stop();
  process.exit(1);
}
