import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, hydrated } from './fixtures';

const password = 'violet tugboat lantern';

/** A fresh account, logged in within this page's browser context. */
async function signUp(page: Page) {
  const email = `mock-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  const response = await page.request.post('/api/v1/auth/signup', { data: { email, password } });
  expect(response.status()).toBe(201);
}

/** A five-question behavioral set; its slug. */
async function makeSet(page: Page): Promise<string> {
  const made = await page.request.post('/api/v1/question-sets', {
    data: { role: 'backend-engineer', kinds: ['behavioral'], count: 5 },
  });
  expect(made.status()).toBe(201);
  return (await made.json()).slug as string;
}

/** Opens the setup page and starts a run with the given choices. */
async function startMock(page: Page, slug: string, choices: { seconds: string; voice: boolean; spoken: boolean }) {
  await page.goto(`/practice/${slug}/mock`);
  await hydrated(page);
  await page.getByLabel('Questions').selectOption('3');
  await page.getByLabel('Time per behavioral or situational answer').selectOption(choices.seconds);
  await page.getByLabel(choices.spoken ? /By speaking/ : 'By typing').check();
  const voice = page.getByLabel(/reads each question aloud/);
  if (choices.voice) await voice.check();
  else await voice.uncheck();
  await page.getByRole('button', { name: 'Start the mock interview' }).click();
  await expect(page).toHaveURL(/\/mock\/\d+$/);
  await hydrated(page);
}

/** Hands the answer in, then waits for the page that follows to be ready. */
async function handIn(page: Page, next: string | RegExp) {
  await page.getByRole('button', { name: 'Hand in this answer' }).click();
  await expect(page.locator('.practice-progress')).toHaveText(next);
  await hydrated(page);
}

async function question(page: Page): Promise<string> {
  return (await page.locator('#question-text').textContent())?.trim() ?? '';
}

const strong = (q: string) => `The question was: ${q}
In my last role I owned the checkout service, whose p95 latency had reached 1.8 seconds during a sales launch.
I was responsible for bringing it under 500 ms within six weeks, without a freeze on releases.
I traced requests with OpenTelemetry myself, found an N+1 query, batched it, added an index and wrote the rollback plan.
As a result p95 fell to 320 ms, timeout tickets dropped from 30 a week to 2, and the launch went ahead on time.`;

const noResult = (q: string) => `The question was: ${q}
At my last company I was the engineer on call when this came up, and I was asked to lead our response.
I gathered the logs, I set up a call with the two teams involved, and I wrote down the options with their risks.
I chose the safest option, explained it to my manager, and I worked through the change with the team over two days.`;

test('a typed three-question mock interview: a follow-up probes the missing result, the answer that runs out of time is handed in, and the report scores all three', async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  const slug = await makeSet(page);
  await startMock(page, slug, { seconds: '30', voice: false, spoken: false });

  // Question 1: a strong answer. No feedback appears between questions.
  const progress = page.locator('.practice-progress');
  await expect(progress).toHaveText('Question 1 of 3');
  await expect(page.getByRole('timer')).toContainText(/0:[0-3]\d/);
  const first = await question(page);
  await page.getByLabel('Your answer').fill(strong(first));
  await handIn(page, /^(Question 2 of 3|Follow-up to question 1 of 3)$/);
  await expect(page.locator('.feedback, .mock-scores')).toHaveCount(0);
  if ((await progress.textContent()) === 'Follow-up to question 1 of 3') {
    await page.getByLabel('Your answer').fill('I personally wrote the batching change and the index migration, and I paired with QA on the load test.');
    await handIn(page, 'Question 2 of 3');
  }

  // Question 2: a story with no result draws a follow-up about the result.
  const second = await question(page);
  await page.getByLabel('Your answer').fill(noResult(second));
  await handIn(page, 'Follow-up to question 2 of 3');
  const followUp = await question(page);
  expect(followUp).toMatch(/outcome|result|impact|happen|end|measure|change|differen/i);
  await page.getByLabel('Your answer').fill('In the end the change shipped without downtime and incidents on that service fell from five a month to one.');
  await handIn(page, 'Question 3 of 3');

  // Question 3: typed, then the time runs out and the answer goes in as it stands.
  const late = 'I started by listing what we knew and what we did not, and I asked the product owner';
  await page.getByLabel('Your answer').fill(late);
  const after = page.getByText(/^(Follow-up to question 3 of 3|Mock interview report)$/);
  await expect(after).toBeVisible({ timeout: 40_000 });
  if ((await after.textContent()) !== 'Mock interview report') {
    await page.getByRole('button', { name: 'End the interview here and see the report' }).click();
  }
  await expect(page.getByText('Mock interview report', { exact: true })).toBeVisible();

  // The report: all three questions with their answers and scores.
  await hydrated(page);
  await expect(page.locator('.printable__question')).toHaveCount(3);
  await expect(page.locator('.printable__question h3').nth(0)).toContainText(first);
  await expect(page.locator('.printable__question h3').nth(1)).toContainText(second);
  await expect(page.locator('.printable__question').nth(1).locator('h4')).toContainText(followUp);
  await expect(page.locator('.printable__question').nth(2)).toContainText(late);
  await expect(page.locator('.printable__question').nth(2)).toContainText('30 s of 30 s');
  for (let i = 0; i < 3; i++) {
    await expect(page.locator('.printable__question').nth(i).locator('.mock-scores').first()).toContainText(/Overall \d+\/10/);
  }
  await expect(page.getByRole('heading', { name: 'Three things to work on first' })).toBeVisible();
  await expect(page.locator('.work-on li').first()).toBeVisible();
  await expect(page.getByText('Every answer was typed')).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // It prints without the buttons and links that only work on screen.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.locator('.printable__question').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // It is kept under the account and linked from /me.
  const reportUrl = page.url();
  await page.goto('/me');
  await page.getByRole('heading', { name: 'Mock interviews' }).scrollIntoViewIfNeeded();
  await page.locator(`a[href="${new URL(reportUrl).pathname}"]`).click();
  await expect(page).toHaveURL(reportUrl);
});

test('spoken answers: the question is read aloud, dictation fills the box, and the report has pace, fillers and pauses', async ({ page }) => {
  await page.context().addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    // A stand-in recognizer that "hears" two phrases a moment apart.
    class FakeRecognition {
      continuous = false;
      interimResults = false;
      lang = '';
      onresult: ((e: unknown) => void) | null = null;
      onend: (() => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      start() {
        const say = (text: string, delay: number) =>
          setTimeout(() => {
            const result = Object.assign([{ transcript: text }], { isFinal: true });
            this.onresult?.({ resultIndex: 0, results: [result] });
          }, delay);
        say('Um, I led the migration of our billing tables, uh, to Postgres', 100);
        say('and I wrote the runbook myself, like, over two weeks', 1600);
      }
      stop() {
        this.onend?.();
      }
      abort() {}
    }
    w.SpeechRecognition = FakeRecognition;
    w.webkitSpeechRecognition = FakeRecognition;
    // A stand-in synthesiser that records what it was asked to say.
    const spoken: string[] = [];
    w.__spoken = spoken;
    class FakeUtterance {
      text: string;
      lang = '';
      constructor(text: string) {
        this.text = text;
      }
    }
    w.SpeechSynthesisUtterance = FakeUtterance;
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: { speak: (u: FakeUtterance) => spoken.push(u.text), cancel: () => {} },
    });
  });
  await signUp(page);
  const slug = await makeSet(page);
  await startMock(page, slug, { seconds: '120', voice: true, spoken: true });

  // Reached by a click, the page reads the question at once.
  const first = await question(page);
  const spoken = () => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  await expect.poll(spoken).toContain(first);
  await expect(page.getByRole('button', { name: 'Read the question again' })).toBeVisible();
  // Before the user has acted on a page, browsers do not let it speak by
  // itself (Playwright's pages count as acted on, so the browser's answer
  // is given here): the question waits for its button.
  const fresh = await page.context().newPage();
  await fresh.addInitScript(() =>
    Object.defineProperty(navigator, 'userActivation', {
      configurable: true,
      value: { hasBeenActive: false, isActive: false },
    }),
  );
  await fresh.goto(page.url());
  await hydrated(fresh);
  const heard = () => fresh.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  expect(await heard()).toEqual([]);
  await fresh.getByRole('button', { name: 'Read the question aloud' }).click();
  await expect.poll(heard).toContain(first);
  await expect(fresh.getByRole('button', { name: 'Read the question again' })).toBeVisible();
  await fresh.close();
  await page.getByRole('button', { name: 'Dictate' }).click();
  await expect(page.getByLabel('Your answer')).toHaveValue(/runbook myself, like, over two weeks$/);
  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await handIn(page, /^(Question 2 of 3|Follow-up to question 1 of 3)$/);
  await page.getByRole('button', { name: 'End the interview here and see the report' }).click();
  await expect(page.getByText('Mock interview report', { exact: true })).toBeVisible();
  const turn = page.locator('.printable__question').first();
  await expect(turn).toContainText(/Spoken · \d+ words · \d+ words a minute · fillers: .* · longest pause \d+\.\d s · \d+ s of 2 min/);
  for (const filler of ['“um” ×1', '“uh” ×1', '“like” ×1']) await expect(turn).toContainText(filler);
  await expect(page.getByText('Pace (spoken answers)')).toBeVisible();
  await expect(page.getByText('Filler words')).toBeVisible();
});

test('without speech in the browser, the run says so in one line each and works by typing', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.webkitSpeechRecognition;
    delete w.SpeechRecognition;
    delete w.SpeechSynthesisUtterance;
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
  });
  await signUp(page);
  const slug = await makeSet(page);
  await startMock(page, slug, { seconds: '120', voice: true, spoken: true });
  await expect(page.getByText('This browser cannot read questions aloud: read each one on screen.')).toBeVisible();
  await expect(page.getByText('This browser has no speech recognition: type your answers instead.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dictate' })).toHaveCount(0);
  await page.getByLabel('Your answer').fill('I wrote the migration plan myself and we moved the billing tables over one weekend.');
  await handIn(page, /^(Question 2 of 3|Follow-up to question 1 of 3)$/);
});

test("the interview's clock is loaded on a running interview only, not on the practice page", async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pkg/') && path.endsWith('.wasm')) fetched.push(path);
  });
  const clock = (paths: string[]) => paths.filter((p) => p.includes('mock_clock'));
  const answerForm = (paths: string[]) => paths.filter((p) => p.includes('answer_form'));
  await signUp(page);
  const slug = await makeSet(page);

  await page.goto(`/practice/${slug}?q=1`);
  await hydrated(page);
  expect(answerForm(fetched)).toHaveLength(1);
  expect(clock(fetched)).toHaveLength(0);

  fetched.length = 0;
  await startMock(page, slug, { seconds: '120', voice: false, spoken: false });
  await expect(page.getByRole('timer')).toHaveText(/Time left: \d:\d\d/);
  expect(clock(fetched)).toHaveLength(1);
});
