// A release server on a fresh SQLite database, with an account that has a
// listed set and two answers to its first question: what the page scripts
// (route-bytes.mjs, lighthouse.mjs) measure against.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');

const ANSWER =
  'Our nightly billing export kept timing out, so I profiled it, found it loaded every invoice ' +
  'into memory, and rewrote it to stream rows in batches of 500. I tested it against a copy of ' +
  'production and rolled it out behind a flag. The export went from 40 minutes to 6, and it has ' +
  'not failed since.';

// Starts the server on `port` and prepares the account. Returns the base
// URL, the session cookie (name and value), the set's slug, the two
// attempt ids, two mock interviews (one running, one over) and a function
// that stops the server and removes its files.
export async function served(port) {
  const base = `http://127.0.0.1:${port}`;
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const binary = process.env.REHEARSE_BIN ?? join(targetDir, 'release', 'rehearse');
  const dir = mkdtempSync(join(tmpdir(), 'rehearse-pages-'));
  const server = spawn(binary, ['serve'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dir}/rehearse.db`,
      REHEARSE_ADDR: `127.0.0.1:${port}`,
      REHEARSE_SITE_ROOT: join(root, 'target', 'site'),
      REHEARSE_MODEL_DIR: process.env.REHEARSE_MODEL_DIR ?? join(root, 'target', 'model'),
      REHEARSE_LOG_LEVEL: 'warn',
    },
  });
  server.on('error', (error) => {
    console.error(`cannot start ${binary} (${error.message}); build it with make build`);
    process.exit(1);
  });
  const stop = () => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready(base);
    const post = async (path, body, cookie) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response;
    };
    const signup = await post('/api/v1/auth/signup', {
      email: 'pages@example.org',
      password: 'violet tugboat lantern harbour',
      display_name: 'Sam',
    });
    const session = signup.headers.get('set-cookie').split(';')[0];
    const [name, value] = session.split('=');
    const made = await post('/api/v1/question-sets', { role: 'backend-engineer', count: 5 }, session);
    const { slug } = await made.json();
    // Listed, as a set meant to be found is: an unlisted set's page asks
    // search engines not to index it.
    const listing = await fetch(`${base}/api/v1/question-sets/${slug}/listing`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: session },
      body: JSON.stringify({ listed: true }),
    });
    if (!listing.ok) throw new Error(`listing: ${listing.status} ${await listing.text()}`);
    const attempts = [];
    for (const key of ['pages-answer-1', 'pages-answer-2']) {
      const attempt = await post(
        '/api/v1/assessments',
        { question_set: slug, question_index: 1, answer: ANSWER, idempotency_key: key },
        session,
      );
      attempts.push((await attempt.json()).id);
    }
    // Two mock interviews of one question: one asking it, one over.
    const mocks = {};
    for (const which of ['running', 'report']) {
      const started = await post('/api/v1/mock-interviews', { question_set: slug, questions: 1 }, session);
      mocks[which] = (await started.json()).id;
    }
    await post(
      '/api/v1/assessments',
      { question_set: slug, question_index: 1, answer: ANSWER, idempotency_key: 'pages-mock-1', mock_interview: mocks.report },
      session,
    );
    await post(`/api/v1/mock-interviews/${mocks.report}/finish`, {}, session);
    return { base, cookie: { name, value, header: session }, slug, attempts, mocks, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

async function ready(base) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not start on ${base}`);
}

// Debian's Chromium, or CHROMIUM_PATH.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
