import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

// Every test fails if any page it opened logged a console error or threw.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          // Chromium reports a page served with a 4xx status (a not-found
          // page, a form shown again with its errors) as a failed load of the
          // document itself. That status is the point of those pages; a
          // missing subresource still counts, as its URL differs.
          const documentStatus =
            msg.location().url === page.url() && /status of 4\d\d/.test(msg.text());
          if (!documentStatus) errors.push(`${page.url()}: ${msg.text()}`);
        });
        page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until every interactive part of the page has hydrated, including
 * those whose code loads on demand. */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-interactive', '');
  await expect(page.locator('.theme-toggle')).toHaveAttribute('data-theme-current', /^(light|dark)$/);
}

/** No serious or critical accessibility problem on the page, by axe. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
