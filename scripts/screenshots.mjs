// The README's pictures, taken in Debian's Chromium against the release
// binary on this machine (build it first with `make build`):
//
//   node scripts/screenshots.mjs
//
// docs/screenshot.png is the home page; docs/mock-interview.png is the
// report of a three-question mock interview answered through the API.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromiumPath, root, served } from './lib/served.mjs';

const modules = join(root, 'end2end', 'node_modules');
const { chromium } = await import(pathToFileURL(join(modules, '@playwright', 'test', 'index.mjs')).href);

// What the candidate says to the first three questions of a behavioral
// backend set (a strong story, one without its result, one told as "we"),
// and to the interviewer's follow-ups.
const ANSWERS = [
  'Last spring I renamed a field in our orders API from total to total_cents, and I thought every ' +
    'consumer read the new one. The mobile team still parsed the old field, and their crash ' +
    'reports caught it within twenty minutes of the deploy. I rolled the change back, added the ' +
    'old field again as an alias and wrote a contract test that runs every consumer schema in ' +
    'our pipeline. Since then we have shipped 14 API changes without breaking a client.',
  'I planned a backfill to copy two years of invoices into a new table and estimated a night. ' +
    'I ran it in batches, watched replication lag and paused it twice when lag passed a minute. ' +
    'I wrote a runbook for the next migration with a dry run on a copy of production first.',
  'We found that two workers could both claim the same job when the queue was busy. We added ' +
    'logging, reproduced it with a load test and fixed it with a row lock and a unique index.',
];
// The replies to the interviewer's follow-up on each of them.
const FOLLOW_UPS = [
  'Their crash reports showed it within twenty minutes of the deploy, and I had the old field ' +
    'back in under an hour, so about 2% of sessions that morning were affected.',
  'The backfill took four nights instead of one, but nothing was lost and no customer saw ' +
    'slower pages. The dry run on the next migration found a missing index before it cost us.',
  'I wrote the load test that reproduced the race myself, and I chose the row lock over a ' +
    'distributed lock because it needed no new service. Duplicate jobs went from about thirty ' +
    'a day to none.',
];

const { base, cookie, stop } = await served(Number(process.env.SCREENSHOT_PORT ?? 3120));
let browser;
try {
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: cookie.header },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const set = await call('POST', '/api/v1/question-sets', { role: 'backend-engineer', kinds: ['behavioral'], count: 5 });
  const slug = set.slug;
  let run = await call('POST', '/api/v1/mock-interviews', { question_set: slug, questions: 3 });
  for (let turn = 0; run.next && turn < 6; turn++) {
    const next = run.next;
    const answer = (next.follow_up ? FOLLOW_UPS : ANSWERS)[Math.min(next.number, 3) - 1];
    const words = answer.split(/\s+/).length;
    await call('POST', '/api/v1/assessments', {
      question_set: slug,
      question_index: next.position,
      answer,
      idempotency_key: `screenshot-${turn}`,
      mock_interview: run.id,
      follow_up: next.follow_up,
      timing: { mode: 'spoken', seconds_used: Math.round(words / 2.4), longest_pause_ms: 1800 + 400 * turn },
    });
    run = await call('GET', `/api/v1/mock-interviews/${run.id}`);
  }
  if (run.next) await call('POST', `/api/v1/mock-interviews/${run.id}/finish`, {});

  browser = await chromium.launch({ executablePath: chromiumPath });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${base}/`);
  await page.screenshot({ path: join(root, 'docs', 'screenshot.png') });
  await page.context().addCookies([{ name: cookie.name, value: cookie.value, url: base }]);
  await page.goto(`${base}/mock/${run.id}`);
  await page.screenshot({ path: join(root, 'docs', 'mock-interview.png') });
  console.log('wrote docs/screenshot.png and docs/mock-interview.png');
} finally {
  await browser?.close();
  stop();
}
