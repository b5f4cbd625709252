import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, hydrated } from './fixtures';

const password = 'violet tugboat lantern';

const answer = `Our nightly billing export kept timing out and finance could not close the month.
I had to get it finishing reliably before the quarter ended.
I profiled it, found it loaded every invoice into memory, and rewrote it to stream rows in batches of 500.
The export went from 40 minutes to 6, and it has not failed since.`;

/** Lets a day pass for `email`'s spaced review: what was due tomorrow is due today. */
function aDayPasses(email: string) {
  const db = path.join(process.env.E2E_RUN_DIR!, 'rehearse.db');
  execFileSync('sqlite3', [
    '-cmd',
    '.timeout 5000',
    db,
    `UPDATE reviews SET due_on = date('now') WHERE user_id = (SELECT id FROM users WHERE email = '${email}')`,
  ]);
}

async function useStory(page: Page, story: number, slug: string, question: number) {
  const used = await page.request.post(`/api/v1/me/stories/${story}/use`, {
    data: { question_set: slug, question_index: question },
  });
  expect(used.status()).toBe(204);
}

test('answer, save it as a story, tell it again, see it overused, and come back when it is due', async ({ page }) => {
  const email = `teller-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  expect((await page.request.post('/api/v1/auth/signup', { data: { email, password } })).status()).toBe(201);
  const made = await page.request.post('/api/v1/question-sets', {
    data: { role: 'backend-engineer', kinds: ['behavioral'], count: 10 },
  });
  expect(made.status()).toBe(201);
  const { slug } = await made.json();

  // Answer the first question.
  await page.goto(`/practice/${slug}?q=1`);
  await hydrated(page);
  await page.getByLabel('Your answer').fill(answer);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page.getByRole('heading', { name: 'Feedback' })).toBeVisible();

  // Save it as a story: drafted from the answer's own sentences.
  await page.getByRole('button', { name: 'Save as a story' }).click();
  await expect(page).toHaveURL(/\/me\/stories\/\d+\?drafted=1$/);
  const story = Number(page.url().match(/stories\/(\d+)/)![1]);
  await expect(page.getByLabel(/^Action/)).toHaveValue(/I profiled it/);
  await expect(page.getByLabel(/^Result/)).toHaveValue(/40 minutes to 6/);
  await page.getByLabel(/^Skills it shows/).fill('performance, SQL');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expectAccessible(page);

  // Another question offers it; starting from it fills the answer box.
  await page.goto(`/practice/${slug}?q=2`);
  await hydrated(page);
  await page.getByLabel('Your answer').fill('My own opening line.');
  await expect(page.getByText('Draft saved.')).toBeVisible();
  const fits = page.getByRole('region', { name: 'Your stories that fit' });
  await expect(fits).toBeVisible();
  await fits.getByRole('button', { name: 'Start from this story' }).first().click();
  await expect(page).toHaveURL(/\?q=2&story=used$/);
  await hydrated(page);
  await expect(page.getByLabel('Your answer')).toHaveValue(/^My own opening line\.\n\n[\s\S]*I profiled it/);

  // Told for a third and a fourth question of the set: the page warns.
  await useStory(page, story, slug, 3);
  await useStory(page, story, slug, 4);
  await page.goto(`/practice/${slug}?q=4`);
  await expect(page.getByRole('note')).toContainText('You have told this story for 4 questions of this set');
  await expectAccessible(page);
  await page.goto('/me/stories');
  await expect(page.getByRole('note')).toContainText('Told 4 times in');
  await expectAccessible(page);

  // Come back the next day: the first question is due.
  await page.goto('/me');
  await expect(page.getByRole('heading', { name: 'Nothing due for review today' })).toBeVisible();
  aDayPasses(email);
  await page.goto('/me');
  await expect(page.getByRole('heading', { name: 'Due today: 1 question' })).toBeVisible();
  await page.getByRole('link', { name: "Start today's review" }).click();
  await expect(page).toHaveURL(/\/me\/review$/);
  await expect(page.getByText('1 question is due.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Answer it again' }).click();
  await expect(page).toHaveURL(new RegExp(`/practice/${slug}\\?q=1$`));
});
