// Lighthouse (mobile, the version end2end/package.json pins) in Debian's
// Chromium, against the release binary on this machine: the median of five
// runs per page of performance, accessibility, best practices and SEO.
//
//   node scripts/lighthouse.mjs [--runs 5]
//
// Nothing outside the machine is contacted: the pages load no external
// hosts, and Lighthouse's own network throttling is simulated.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromiumPath, root, served } from './lib/served.mjs';

const modules = join(root, 'end2end', 'node_modules');
const load = (entry) => import(pathToFileURL(join(modules, entry)).href);
const { default: lighthouse } = await load('lighthouse/core/index.js');
const chromeLauncher = await load('chrome-launcher/dist/index.js');

const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const { base, cookie, slug, mocks, stop } = await served(Number(process.env.LIGHTHOUSE_PORT ?? 3110));
const pages = [
  ['/', false],
  ['/roles/backend-engineer', false],
  [`/s/${slug}`, false],
  [`/practice/${slug}`, true],
  ['/me', true],
  [`/mock/${mocks.running}`, true],
  [`/mock/${mocks.report}`, true],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

let chrome;
try {
  chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const rows = [];
  for (const [path, loggedIn] of pages) {
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
    const failed = new Set();
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        extraHeaders: loggedIn ? { Cookie: cookie.header } : undefined,
      });
      for (const c of CATEGORIES) {
        scores[c].push(Math.round(100 * (result.lhr.categories[c].score ?? 0)));
      }
      for (const audit of Object.values(result.lhr.audits)) {
        if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary') {
          failed.add(audit.id);
        }
      }
    }
    rows.push({ path: path.replace(slug, '{slug}'), scores, failed });
  }

  console.log(`Lighthouse, mobile, median of ${runs} runs`);
  console.log(`${'page'.padEnd(24)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
  for (const r of rows) {
    const cells = CATEGORIES.map((c) => String(median(r.scores[c])).padStart(15)).join('');
    console.log(`${r.path.padEnd(24)} ${cells}`);
  }
  for (const r of rows) {
    if (r.failed.size > 0) console.log(`${r.path}: failed audits: ${[...r.failed].sort().join(', ')}`);
  }
} finally {
  await chrome?.kill();
  stop();
}
