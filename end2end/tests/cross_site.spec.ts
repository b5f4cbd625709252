import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, hydrated } from './fixtures';

const password = 'violet tugboat lantern';

// A page on another origin (localhost against the app's 127.0.0.1) that a
// logged-in user happens to open: it posts forms at the app's delete,
// settings and draft endpoints, and frames the settings page. The app must
// refuse every post and every frame, and keep the account as it was.
test('another site can neither post forms as the user nor frame their pages', async ({ browser, baseURL }) => {
  const app = new URL(baseURL!);

  // The user's own browser, kept apart from the suite's console watch: the
  // attack page's refused frames and posts are supposed to log errors.
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const email = `sam-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  expect((await page.request.post('/api/v1/auth/signup', { data: { email, password } })).status()).toBe(201);

  await page.goto('/roles/backend-engineer');
  await hydrated(page);
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  const slug = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/practice/${slug}`);
  await hydrated(page);
  const draft = 'My own draft, which nobody else should replace.';
  await page.getByLabel('Your answer').fill(draft);
  await expect(page.getByText('Draft saved.')).toBeVisible();

  const target = (path: string) => `${app.origin}${path}`;
  const attack = `<!doctype html><html><body>
    <iframe name="a"></iframe><iframe name="b"></iframe><iframe name="c"></iframe>
    <iframe id="settings" src="${target('/me/settings')}"></iframe>
    <form id="delete" method="post" target="a" action="${target(`/s/${slug}/delete`)}"></form>
    <form id="retention" method="post" target="b" action="${target('/me/settings')}">
      <input name="form" value="retention"><input name="retention_days" value="7">
    </form>
    <form id="draft" method="post" target="c" action="${target('/api/practice/draft')}">
      <input name="slug" value="${slug}"><input name="q" value="1">
      <input name="text" value="written by another site"><input name="revision" value="9999999999999">
    </form>
    <script>for (const id of ['delete', 'retention', 'draft']) document.getElementById(id).submit();</script>
  </body></html>`;
  // The other site is a real server on this machine, reached by another
  // host name and port: a different origin and a different site.
  const other = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attack);
  });
  await new Promise<void>((resolve) => other.listen(0, resolve));
  const attacker = `http://localhost:${(other.address() as AddressInfo).port}`;
  expect(new URL(attacker).origin).not.toBe(app.origin);

  const refused = (path: string) =>
    page.waitForResponse((r) => r.url() === target(path) && r.request().method() === 'POST');
  const responses = Promise.all([
    refused(`/s/${slug}/delete`),
    refused('/me/settings'),
    refused('/api/practice/draft'),
  ]);
  await page.goto(`${attacker}/attack`);
  for (const response of await responses) {
    expect(response.status(), response.url()).toBe(403);
  }
  // The framed settings page shows nothing of the app once every frame has
  // finished loading.
  await page.waitForLoadState('load');
  await expect(page.frameLocator('#settings').locator('main')).toHaveCount(0);

  // Nothing changed: the set, the retention setting and the draft are as
  // the user left them.
  other.close();
  const set = await page.goto(`/s/${slug}`);
  expect(set!.status()).toBe(200);
  await expect(page.getByText('Delete this set')).toBeVisible();
  await page.goto('/me/settings');
  await expect(page.locator('#retention')).toHaveValue('');
  await page.goto(`/practice/${slug}`);
  await hydrated(page);
  await expect(page.getByLabel('Your answer')).toHaveValue(draft);

  await context.close();
});

test('pages carry a nonce-based Content-Security-Policy that their own scripts pass', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  for (const path of ['/', '/roles/backend-engineer', '/login']) {
    const response = await page.goto(path);
    const policy = response!.headers()['content-security-policy'] ?? '';
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
    for (const directive of ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
      expect(policy, path).toContain(directive);
    }
    expect(policy, path).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    // Every script the page carries has this response's nonce, and the
    // bundle hydrates under the policy.
    const scripts = await page.locator('script:not([type="application/ld+json"])').evaluateAll((nodes) =>
      nodes.map((n) => (n as HTMLScriptElement).nonce),
    );
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce), path).toBe(true);
    await hydrated(page);
  }
  expect(violations).toEqual([]);
});
