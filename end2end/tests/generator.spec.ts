import { test, expect, expectAccessible, hydrated } from './fixtures';
import * as fs from 'node:fs';
import * as path from 'node:path';

const jd = fs.readFileSync(
  path.join(__dirname, '..', '..', 'server', 'tests', 'fixtures', 'jd', 'sre-cloud.txt'),
  'utf8',
);

async function questionTexts(page: import('@playwright/test').Page) {
  return page.locator('.question__text').allInnerTexts();
}

test('a visitor generates a set from the home page and the share link shows the same questions', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Role', { exact: true }).fill('Backend Engineer');
  await page.getByLabel('Level').selectOption('senior');
  await page.getByLabel('Questions').fill('6');
  await page.getByRole('button', { name: 'Generate questions' }).click();

  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Senior Backend Engineer interview questions');
  await expect(page.locator('.question')).toHaveCount(6);
  const mine = await questionTexts(page);

  // The rubric stays folded until asked for.
  const firstRubric = page.locator('.rubric').first();
  await expect(firstRubric.locator('ul').first()).toBeHidden();
  await firstRubric.locator('summary').click();
  await expect(firstRubric.locator('ul').first()).toBeVisible();

  // A fresh browser context is someone else opening the link.
  const shareUrl = await page.locator('#share-url').inputValue();
  expect(shareUrl).toBe(page.url());
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(shareUrl);
  expect(await questionTexts(theirs)).toEqual(mine);
  await expect(theirs.getByText('Delete this set')).toHaveCount(0);
  await other.close();

  // The creator can delete it from the same browser.
  await page.getByText('Delete this set').click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByRole('status')).toHaveText('The question set was deleted.');
  const gone = await page.goto(shareUrl);
  expect(gone?.status()).toBe(404);
});

test('a visitor generates a set from a role page with the role filled in', async ({ page }) => {
  await page.goto('/roles/product-manager');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Product Manager interviews');
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('Product Manager');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mid-level Product Manager interview questions');
  await expect(page.locator('.question')).toHaveCount(10);
});

test('a visitor pastes a job description and each question says why it is there', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel(/Job description/).fill(jd);
  await expect(page.locator('#gen-jd-count')).toContainText(`${jd.length} / 20000 characters`);
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\//);
  await expect(page.getByRole('status')).toContainText('Matched this job description to the DevOps / Site Reliability Engineer role.');
  const quotes = await page.locator('.why__quote').allInnerTexts();
  expect(quotes.length).toBeGreaterThan(0);
  for (const quote of quotes) expect(jd).toContain(quote);
  // The description itself is never on the share page.
  await expect(page.getByText('two million monthly users')).toHaveCount(0);
});

test('the home-page form works with JavaScript off, errors included', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Role', { exact: true }).fill('Astronaut');
  await page.getByLabel(/Job description/).fill('We build rockets.');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page.getByText("There is no role called 'Astronaut'")).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByLabel(/Job description/)).toHaveValue('We build rockets.');

  await page.getByLabel('Role', { exact: true }).fill('Data Analyst');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  await expect(page.locator('.question')).toHaveCount(10);
  await context.close();
});

test('the role index filters as you type', async ({ page }) => {
  await page.goto('/roles');
  await hydrated(page);
  const cards = page.locator('.role-card:visible');
  const all = await cards.count();
  expect(all).toBeGreaterThanOrEqual(16);
  await page.getByLabel('Filter roles').fill('designer');
  await expect(cards).toHaveCount(1);
  await expect(page.getByText('1 role', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Product Designer' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mobile Engineer' })).toBeHidden();
  // Clearing the filter brings every role back.
  await page.getByLabel('Filter roles').fill('');
  await expect(cards).toHaveCount(all);
});

test('after a server-side error the page hydrates with what was typed', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Role', { exact: true }).fill('Astronaut');
  await page.getByLabel(/Job description/).fill('Fly to the moon and back.');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page.getByText("There is no role called 'Astronaut'")).toBeVisible();
  await hydrated(page);
  const jd = page.getByLabel(/Job description/);
  await expect(jd).toHaveValue('Fly to the moon and back.');
  await expect(page.locator('#gen-jd-count')).toContainText('25 / 20000 characters');
  await jd.fill('Fly to the moon.');
  await expect(page.locator('#gen-jd-count')).toContainText('16 / 20000 characters');
  await page.getByLabel('Role', { exact: true }).fill('ML Engineer');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
});

test('while a set is being made the form says what is happening, and Cancel keeps everything typed', async ({
  page,
}) => {
  await page.goto('/');
  await hydrated(page);
  // A server that has not answered yet.
  let sent = '';
  await page.route('**/generate/stream', (route) => {
    sent = route.request().postData() ?? '';
  });
  await page.getByLabel('Role', { exact: true }).fill('Data Engineer');
  await page.getByLabel(/Job description/).fill('We move data between teams.');
  await page.getByRole('button', { name: 'Generate questions' }).click();

  const progress = page.locator('.progress');
  await expect(progress).toContainText('Reading the role and the job description');
  await expect(page.getByRole('button', { name: 'Generating…' })).toBeDisabled();
  // The progress line is drawn before the request leaves, so wait for it.
  await expect.poll(() => sent).toContain('role=Data+Engineer');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveText('Cancelled. Nothing was saved, and everything you typed is still here.');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('Data Engineer');
  await expect(page.getByLabel(/Job description/)).toHaveValue('We move data between teams.');
  await expect(page.getByRole('button', { name: 'Generate questions' })).toBeEnabled();
});

test('a problem found while streaming is shown on the form, on the field at fault', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Role', { exact: true }).fill('Astronaut');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page.getByRole('alert')).toContainText("There is no role called 'Astronaut'");
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('Astronaut');
  await expect(page).toHaveURL(/\/$/);
});

test('a pasted résumé adds questions on its claims that only their maker sees', async ({ page, browser }) => {
  const resume = [
    'Alex Moreno',
    'alex@example.org',
    'EXPERIENCE',
    'Platform Engineer, Tidewater Logistics, 2020 to 2024',
    '- Cut deploy time from 40 minutes to 6 by caching container layers at Tidewater Logistics',
    '- Led 3 engineers through moving our batch jobs onto a shared scheduler',
    '- Wrote the on-call handbook the whole department uses',
  ].join('\n');
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Role', { exact: true }).fill('Backend Engineer');
  await page.getByText('Add your résumé').click();
  await page.getByLabel('Résumé', { exact: true }).fill(resume);
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  // The share page holds none of it; its maker is told where they are.
  await expect(page.getByText('Tidewater')).toHaveCount(0);
  await expectAccessible(page);
  const shareUrl = page.url();
  await page.getByRole('link', { name: 'See the questions from your résumé' }).click();
  await expect(page).toHaveURL(/\/private$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questions from your résumé');
  const quotes = await page.locator('.why__quote').allInnerTexts();
  expect(quotes.length).toBeGreaterThanOrEqual(3);
  for (const quote of quotes) expect(resume).toContain(quote);
  await expect(page.getByText('did not keep your résumé')).toBeVisible();
  await expectAccessible(page);

  // Someone else with the link sees only that there are such questions.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(shareUrl);
  await expect(theirs.getByText(/drawn from its maker's résumé/)).toBeVisible();
  await expect(theirs.getByText('Tidewater')).toHaveCount(0);
  const refused = await theirs.goto(`${shareUrl}/private`);
  expect(refused?.status()).toBe(404);
  await other.close();
});
