import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, hydrated } from './fixtures';

const password = 'violet tugboat lantern';

const answer = `In my last role I owned the checkout service, whose p95 latency had reached 1.8 seconds.
I was asked to bring it under 500 ms before the holiday sale.
I traced requests with OpenTelemetry, found an N+1 query, batched it and added an index.
As a result p95 fell to 320 ms and timeout tickets dropped from 30 a week to 2.`;

/** A fresh account, logged in within this page's browser context. */
async function signUp(page: Page): Promise<string> {
  const email = `sam-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  const response = await page.request.post('/api/v1/auth/signup', { data: { email, password } });
  expect(response.status()).toBe(201);
  return email;
}

/** Generates a set for a role and opens its practice page. */
async function startPractice(page: Page) {
  await page.goto('/roles/backend-engineer');
  await hydrated(page);
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  await page.getByRole('link', { name: 'Practise this set' }).click();
  await expect(page).toHaveURL(/\/practice\/[a-z2-9]{15}$/);
  await hydrated(page);
}

test('generate, practise, get feedback and try again, with the draft kept and one attempt per submit', async ({ page }) => {
  await signUp(page);
  await startPractice(page);

  await expect(page.getByText('Question 1 of 10')).toBeVisible();
  await expect(page.getByText('the rubric appears after your first attempt')).toBeVisible();
  await expectAccessible(page);

  // Typing counts words and speaking time, and saves a draft.
  const box = page.getByLabel('Your answer');
  await box.fill(answer);
  await expect(page.locator('#answer-count')).toContainText(/\d+ words · about \d+ s spoken/);
  await expect(page.getByText('Draft saved.')).toBeVisible();

  // The draft survives a reload.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Your answer')).toHaveValue(answer);

  // Ctrl+Enter submits; the feedback follows.
  await page.getByLabel('Your answer').press('Control+Enter');
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await expect(page.getByRole('heading', { name: 'Feedback' })).toBeVisible();
  await expect(page.locator('.scores__out-of')).toHaveText('/10 overall');
  await expect(page.getByText(/built-in offline coach \(offline\/2\+embeddings\).*not generative AI/)).toBeVisible();
  await expect(page.locator('mark.quote').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The rewrite, in your words' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What a strong answer covers' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  // Try again: the last answer is there to improve, and the rubric now shows.
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page).toHaveURL(/\?q=1$/);
  await hydrated(page);
  await expect(page.getByLabel('Your answer')).toHaveValue(answer);
  await expect(page.getByText('the rubric appears after your first attempt')).toHaveCount(0);

  // A double click on submit makes one attempt.
  await page.getByLabel('Your answer').fill(`${answer}\nI also wrote the runbook the on-call team still uses.`);
  await page.getByRole('button', { name: 'Submit answer' }).dblclick();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await expect(page.getByRole('heading', { name: 'Your attempts at this question' })).toBeVisible();
  await expect(page.locator('.attempts li')).toHaveCount(2);

  // Alt+N goes on to the next question.
  await hydrated(page);
  await page.keyboard.press('Alt+KeyN');
  await expect(page).toHaveURL(/\?q=2$/);
  await expect(page.getByText('Question 2 of 10')).toBeVisible();
});

test('an answer with markup is shown as text and runs nothing', async ({ page }) => {
  await signUp(page);
  await startPractice(page);
  const hostile = `<img src=x onerror="window.__injected=1"><script>window.__injected=2</script> I led the rollout and we cut errors by half.`;
  await page.getByLabel('Your answer').fill(hostile);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await expect(page.locator('.answer-text').first()).toContainText('<script>window.__injected=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  await expect(page.locator('.feedback img')).toHaveCount(0);
});

test('dictation is offered only where the browser has speech recognition, and its words can be edited', async ({ page }) => {
  await page.addInitScript(() => {
    // A stand-in for the browser's recognizer: it "hears" one phrase.
    class FakeRecognition {
      continuous = false;
      interimResults = false;
      lang = '';
      onresult: ((e: unknown) => void) | null = null;
      onend: (() => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      start() {
        setTimeout(() => {
          const result = Object.assign([{ transcript: 'I rebuilt the release pipeline' }], { isFinal: true });
          this.onresult?.({ resultIndex: 0, results: [result] });
        }, 50);
      }
      stop() {
        this.onend?.();
      }
      abort() {}
    }
    // Chromium has both names; the page may use either.
    (window as unknown as Record<string, unknown>).SpeechRecognition = FakeRecognition;
    (window as unknown as Record<string, unknown>).webkitSpeechRecognition = FakeRecognition;
  });
  await signUp(page);
  await startPractice(page);
  await page.getByLabel('Your answer').fill('First,');
  await page.getByRole('button', { name: 'Dictate' }).click();
  await expect(page.getByLabel('Your answer')).toHaveValue('First, I rebuilt the release pipeline');
  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await page.getByLabel('Your answer').press('End');
  await page.getByLabel('Your answer').pressSequentially(' in a week.');
  await expect(page.getByLabel('Your answer')).toHaveValue('First, I rebuilt the release pipeline in a week.');
  await expect(page.getByText('Draft saved.')).toBeVisible();
});

test('without speech recognition there is no dictation button, and typing works', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.webkitSpeechRecognition;
    delete w.SpeechRecognition;
  });
  await signUp(page);
  await startPractice(page);
  await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dictate' })).toHaveCount(0);
  await page.getByLabel('Your answer').fill('Typed answer.');
  await expect(page.locator('#answer-count')).toContainText('2 words');
});

test('an answer typed when the session has ended comes back after logging in', async ({ page, context }) => {
  const email = await signUp(page);
  await startPractice(page);
  const text = 'I rewrote the billing export and it stopped timing out.';
  await page.getByLabel('Your answer').fill(text);
  // The session ends elsewhere (another device logged out, or it expired).
  await context.clearCookies();
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/practice\/[a-z2-9]{15}\?q=1$/);
  await hydrated(page);
  await expect(page.getByLabel('Your answer')).toHaveValue(text);
  await expect(page.getByText('Brought back the text you had not submitted yet')).toBeVisible();
});

test('two attempts at one question can be compared, and one deleted', async ({ page }) => {
  await signUp(page);
  await startPractice(page);
  await page.getByLabel('Your answer').fill('I think we sort of fixed the service, basically.');
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await page.getByRole('link', { name: 'Try again' }).click();
  await hydrated(page);
  await page.getByLabel('Your answer').fill(answer);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);

  await page.getByRole('link', { name: 'compare with the one before' }).click();
  await expect(page).toHaveURL(/\/compare\?a=\d+&b=\d+$/);
  await expect(page.getByRole('heading', { name: 'Scores' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Overall/ })).toContainText(/\+\d/);
  await expect(page.getByRole('heading', { name: 'Resolved in the later attempt' })).toBeVisible();
  await expect(page.locator('.diff ins').first()).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Back to the later attempt' }).click();
  await page.getByText('Delete this attempt', { exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete this attempt' }).click();
  await expect(page.getByRole('status')).toHaveText('The attempt was deleted.');
  await expect(page.locator('.attempts li')).toHaveCount(1);
});

test('the dashboard shows the sets, the charts and what to work on', async ({ page }) => {
  await signUp(page);
  await startPractice(page);
  await page.getByLabel('Your answer').fill('I think we sort of fixed the service, basically.');
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await page.getByRole('link', { name: 'Try again' }).click();
  await hydrated(page);
  await page.getByLabel('Your answer').fill(answer);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);

  await page.getByRole('link', { name: 'Your practice' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your practice');
  await expect(page.getByRole('heading', { name: /^Work on: / })).toBeVisible();
  await expect(page.getByText('1 of 10 answered')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Scores over time' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Average overall score by focus area' })).toBeVisible();
  await page.getByText('The scores as a table').click();
  await expect(page.locator('.chart__table').first().locator('tbody tr')).toHaveCount(2);
  await expect(page.locator('#recent-title + .attempts li')).toHaveCount(2);
  await hydrated(page);
  await expectAccessible(page);

  // An export download: the set with the latest answer, as Markdown.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Markdown' }).click();
  const file = await download;
  const markdown = (await (await file.createReadStream()).toArray()).map((c) => c.toString('utf8')).join('');
  expect(markdown).toContain('1 of 10 questions answered');
  expect(markdown).toContain('p95 fell to 320 ms');

  // A drill on the weakest dimension, assessed on its own.
  await page.getByRole('link', { name: /^Drill / }).click();
  await expect(page).toHaveURL(/\/drill\?attempt=\d+&part=[a-z]+$/);
  await page.getByLabel(/^Just /).fill('As a result, p95 latency fell from 1.8 seconds to 320 ms within three weeks, and I wrote the runbook.');
  await page.getByRole('button', { name: 'Check it' }).click();
  await expect(page.getByRole('heading', { name: /\/10 · / })).toBeVisible();
  await expect(page.getByText('Assessed on this part alone')).toBeVisible();
});
