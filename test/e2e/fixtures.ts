import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test gets `consoleErrors`: the page's console errors and uncaught exceptions. Unless a test
 * clears it on purpose (it provokes an error), the test fails when any appeared.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors = collectErrors(page);
      await use(errors);
      expect(errors, 'console errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The console errors and uncaught exceptions of `page` (one a test opened itself), as they come. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
  return errors;
}

/** Opens the Import dialog from the page's Import button, picks `zipPath` and starts the import; returns the dialog. */
export async function importZip(page: Page, zipPath: string) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import runs' });
  await dialog.getByLabel('Zip file').setInputFiles(zipPath);
  await dialog.getByRole('button', { name: 'Import runs' }).click();
  return dialog;
}

/** Opens the app at a hash route and waits until the database is open. */
export async function openApp(page: Page, hash = '#/experiments'): Promise<void> {
  await page.goto(`./${hash}`);
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
}
