import { test, expect, hydrated } from './fixtures';

const password = 'violet tugboat lantern';

test('a visitor signs up, logs out, logs in, changes settings and deletes the account', async ({ page }) => {
  const email = `sam-${Date.now()}@example.org`;

  // A set made before signing up moves into the account.
  await page.goto('/roles/data-analyst');
  await hydrated(page);
  await page.getByRole('button', { name: 'Generate questions' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z2-9]{15}$/);
  const setUrl = page.url();

  await page.getByRole('link', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a free account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Name/).fill('Sam');
  await page.getByLabel('Password').fill('password1');
  await page.getByRole('button', { name: 'Create account' }).click();
  // A common password is refused, with what was typed kept.
  await expect(page.getByRole('alert').first()).toContainText('too common');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.site-nav__who')).toHaveText('Sam');

  await page.goto(setUrl);
  await expect(page.getByText('Delete this set')).toBeVisible();

  // The set is the account's now, so it can be listed for search engines.
  const robots = page.locator('meta[name="robots"]');
  await expect(robots).toHaveAttribute('content', 'noindex');
  await page.getByRole('button', { name: 'List it for search engines' }).click();
  await expect(page).toHaveURL(/\?listing=listed$/);
  await expect(page.getByRole('status')).toHaveText('Listed. Search engines may now find this set.');
  await expect(robots).toHaveCount(0);
  await page.getByRole('button', { name: 'Unlist it' }).click();
  await expect(page).toHaveURL(/\?listing=unlisted$/);
  await expect(robots).toHaveAttribute('content', 'noindex');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();

  // Settings need an account: log in, then land back on them.
  await page.goto('/me/settings');
  await expect(page).toHaveURL(/\/login\?next=%2Fme%2Fsettings$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').first()).toContainText('The email or password is not right.');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/me\/settings$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');

  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password').fill('an even better phrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password was changed.');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data' }).click();
  const file = await download;
  const exported = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(exported.account.email).toBe(email);
  expect(exported.question_sets.length).toBe(1);

  await page.getByText('Delete my account…').click();
  await page.getByLabel('Your password').fill('an even better phrase');
  await page.getByLabel('I understand that this cannot be undone.').check();
  await page.getByRole('button', { name: 'Delete my account and data' }).click();
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await expect(page.getByRole('status')).toHaveText('Your account and everything in it were deleted.');
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  const gone = await page.goto(setUrl);
  expect(gone?.status()).toBe(404);
});
