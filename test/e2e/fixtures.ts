import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test gets `consoleErrors`: the page's console errors and uncaught exceptions. Unless a test
 * clears it on purpose (it provokes an error), the test fails when any appeared.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app at a hash route and waits until the database is open. */
export async function openApp(page: Page, hash = '#/experiments'): Promise<void> {
  await page.goto(`./${hash}`);
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
}
