import { test, expect } from './fixtures';

// Every form on the site is a plain HTML form post: with JavaScript off,
// each one still does its work, and a refusal shows the same page again with
// what was typed and the reason.

const password = 'violet tugboat lantern';
const answer = `When our nightly import started failing, I was the engineer on call.
I had to get the reports out before the 9am review.
I found a schema change upstream, patched the parser and replayed the batch.
The reports went out at 8:40 and I added a contract test so it cannot recur.`;

test('every form works with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = `nojs-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;

  // Sign up: a common password is refused with the email kept, then it works.
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('password1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').first()).toContainText('too common');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);

  // Log out, then log in: a wrong password is refused, then it works.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').first()).toContainText('The email or password is not right.');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);

  // Generate from a role's page, with the role filled in.
  await page.goto('/roles/backend-engineer');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  const setUrl = page.url();

  // Answer: an empty answer is refused at the same address, then one is
  // committed and assessed.
  await page.getByRole('link', { name: 'Practise this set' }).click();
  await expect(page).toHaveURL(/\/practice\/[a-z2-9]{15}$/);
  await page.getByLabel('Your answer').fill('   ');
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\/practice\/[a-z2-9]{15}\?q=1$/);
  await expect(page.getByText('Write an answer first.')).toBeVisible();
  await page.getByLabel('Your answer').fill(answer);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await expect(page.getByRole('heading', { name: 'Feedback', exact: true })).toBeVisible();

  // A second attempt, then delete it.
  await page.getByRole('link', { name: 'Try again' }).click();
  await page.getByLabel('Your answer').fill(`${answer}\nNext time I would add an alert on row counts.`);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await page.getByText('Delete this attempt', { exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete this attempt' }).click();
  await expect(page.getByRole('status')).toHaveText('The attempt was deleted.');

  // Settings: a wrong current password is refused, then the change works.
  await page.goto('/me/settings');
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('an even better phrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/me\/settings$/);
  await expect(page.getByText('That is not your current password.')).toBeVisible();
  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password').fill('an even better phrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password was changed.');

  await page.getByLabel('Keep my attempts').selectOption('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(page.getByLabel('Keep my attempts')).toHaveValue('30');

  // The dashboard's review reminder switches off, and stays off.
  await page.getByLabel('Show what is due for review on my dashboard').uncheck();
  await page.getByRole('button', { name: 'Save the reminder setting' }).click();
  await expect(page.getByRole('status')).toHaveText('Reminder setting saved.');
  await expect(page.getByLabel('Show what is due for review on my dashboard')).not.toBeChecked();

  await page.getByText('Delete all my practice data…').click();
  await page.getByLabel('I understand that my attempts cannot be brought back.').check();
  await page.getByRole('button', { name: 'Delete my practice data' }).click();
  await expect(page.getByRole('status')).toContainText('Your attempts, feedback and drafts were deleted.');

  // Delete the set from its page.
  await page.goto(setUrl);
  await page.getByText('Delete this set', { exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.getByRole('status')).toHaveText('The question set was deleted.');

  // Delete the account.
  await page.goto('/me/settings');
  await page.getByText('Delete my account…').click();
  await page.getByLabel('Your password').fill('an even better phrase');
  await page.getByLabel('I understand that this cannot be undone.').check();
  await page.getByRole('button', { name: 'Delete my account and data' }).click();
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await expect(page.getByRole('status')).toHaveText('Your account and everything in it were deleted.');
  await context.close();
});

test('when the WebAssembly cannot be fetched, the pages work as plain HTML', async ({ browser }) => {
  // JavaScript runs, but every WebAssembly file fails to load, as on a
  // flaky connection.
  const context = await browser.newContext();
  await context.route(/\/pkg\/.*\.wasm$/, (route) => route.abort('failed'));
  const page = await context.newPage();
  let blocked = 0;
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('.wasm')) blocked++;
  });

  // The role filter is a GET form.
  await page.goto('/roles');
  await page.getByLabel('Filter roles').fill('data');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/roles\?q=data$/);
  await expect(page.getByRole('link', { name: 'Data Engineer' })).toBeVisible();

  // The generator posts and makes a set; its page renders in full.
  await page.goto('/roles/backend-engineer');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('#share-url')).toHaveValue(/\/s\/[a-z2-9]{15}$/);
  expect(blocked, 'the bundle was requested and refused').toBeGreaterThan(0);
  // Nothing hydrated.
  await expect(page.locator('html')).not.toHaveAttribute('data-interactive', /.*/);
  await context.close();
});

test('when a part loaded on demand cannot be fetched, its form still posts', async ({ browser }) => {
  // The main module loads; every chunk split from it fails.
  const context = await browser.newContext();
  await context.route(/\/pkg\/(split_|chunk_)[^/]*\.wasm$/, (route) => route.abort('failed'));
  const page = await context.newPage();
  let blocked = 0;
  page.on('requestfailed', (request) => {
    if (/\/(split_|chunk_)[^/]*\.wasm$/.test(request.url())) blocked++;
  });

  // Signing up is such a part.
  const email = `chunkless-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('violet tugboat lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);

  // So is the answer form: the answer posts and is assessed.
  await page.goto('/roles/backend-engineer');
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  await page.getByRole('link', { name: 'Practise this set' }).click();
  await page.getByLabel('Your answer').fill(answer);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page).toHaveURL(/\?attempt=\d+$/);
  await expect(page.getByRole('heading', { name: 'Feedback', exact: true })).toBeVisible();
  expect(blocked, 'chunks were requested and refused').toBeGreaterThan(0);
  // The main module did load: the theme toggle works.
  await expect(page.locator('.theme-toggle')).toHaveAttribute('data-theme-current', /^(light|dark)$/);
  await context.close();
});
