import { test, expect, openApp } from './fixtures';

// The shared primitives of issue 13's "one look": <tf-dialog> (a named native modal that keeps focus inside and
// closes on Escape) and formField (label, hint and error wired to the control).

test('the Import dialog is a named modal: focus stays inside it, Escape closes it and returns focus, it opens again', async ({
  page,
}, testInfo) => {
  await openApp(page);
  const trigger = page.getByRole('button', { name: 'Import', exact: true });
  await trigger.click();
  const dialog = page.getByRole('dialog', { name: 'Import runs' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import runs' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('import-dialog-1366.png') });

  // Tabbing round the whole dialog never reaches the page behind it (showModal makes the page inert): after its
  // last control focus passes to the browser's own UI (the document body here) and then back into the dialog.
  const places: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    places.push(
      await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        if (el === document.body) return 'browser';
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        for (let node: Node | null = el; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
          if (node instanceof HTMLElement && node.localName === 'import-dialog') return 'dialog';
        }
        return `page: ${el?.localName}`;
      }),
    );
  }
  expect(places.filter((p) => p !== 'dialog' && p !== 'browser')).toEqual([]);
  expect(places.filter((p) => p === 'dialog').length).toBeGreaterThan(6);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await page.setViewportSize({ width: 390, height: 844 });
  await trigger.click();
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('import-dialog-390.png') });
});

test('a tag line that is not key=value marks the Tags field invalid, says how to fix it, and registers nothing', async ({
  page,
}) => {
  await openApp(page, '#/playground');
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Epoch' })).toHaveText(/^Finished\. Epoch 3 of 3/, {
    timeout: 90_000,
  });
  await page.getByRole('link', { name: 'Open this run' }).click();

  await page.getByRole('button', { name: 'Register model' }).click();
  const name = page.getByLabel('Model name');
  await expect(name).toHaveAccessibleDescription('An existing name gets a new version.');
  await name.fill('spiral-classifier');
  const tags = page.getByLabel('Tags (key=value, one a line)');
  await expect(tags).toHaveAttribute('aria-invalid', 'false');
  await tags.fill('team=e2e\noops');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(tags).toHaveAttribute('aria-invalid', 'true');
  await expect(tags).toHaveAccessibleDescription('Tag line 2 ("oops") should read key=value.');
  expect(await page.evaluate(async () => (await window.tabflow!.tracking.searchRegisteredModels()).length)).toBe(0);

  await tags.fill('team=e2e\nstage=test');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered as' })).toHaveText(
    'Registered as spiral-classifier version 1.',
  );
  await expect(tags).toHaveAttribute('aria-invalid', 'false');
});
