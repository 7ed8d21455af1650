import type { Locator, Page } from 'playwright-core';

/**
 * The Taro h5 date wheel (Picker mode="date", components/form/DateField) driven as a finger would:
 * read a column's position and items, drag it row by row (34 px a row), then tap 确定.
 */
async function turnColumn(page: Page, column: Locator, wanted: string) {
  for (let round = 0; round < 30; round++) {
    const { index, target } = await column.evaluate((el, w) => {
      const content = el.querySelector('.weui-picker__content') as HTMLElement;
      const m = /translate3d\(0px?, (-?[\d.]+)px/.exec(content.style.transform);
      const height = m ? Number(m[1]) : 102;
      const items = Array.from(el.querySelectorAll('.weui-picker__item')).map((x) => (x.textContent ?? '').replace(/\D/g, ''));
      return { index: Math.round((102 - height) / 34), target: items.findIndex((t) => Number(t) === Number(w)) };
    }, wanted);
    expect(target).toBeGreaterThanOrEqual(0);
    if (index === target) return;
    // positive: drag down, to earlier values; at most 6 rows, so the drag stays inside the 7-row column
    const rows = Math.max(-6, Math.min(6, index - target));
    const box = (await column.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2 - (rows * 34) / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(x, y + (rows * 34 * i) / 6);
    await page.mouse.up();
    // the wheel settles (its 0.3 s transition) before it is read again
    await column.evaluate(() => new Promise((r) => setTimeout(r, 350)));
  }
  throw new Error(`could not turn the wheel to ${wanted}`);
}

/** Pick `date` (YYYY-MM-DD) for the date field `key` on its wheel. */
export async function pickDate(page: Page, key: string, date: string) {
  const [y, m, d] = date.split('-');
  const field = page.locator(`#date-${key}`);
  await field.scrollIntoViewIfNeeded();
  await field.click();
  // the wheel sheet (Taro moves its overlay to <body>; the overlay itself has no box, the sheet has)
  const overlay = page.locator('.weui-picker:visible').first();
  await overlay.waitFor();
  const cols = overlay.locator('.weui-picker__group');
  await turnColumn(page, cols.nth(0), y!);
  await turnColumn(page, cols.nth(1), m!);
  await turnColumn(page, cols.nth(2), d!);
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
  await page.locator(`#date-${key}[data-value="${date}"]`).waitFor();
}

/** Answer the Taro h5 confirmation dialog (Taro.showModal) with the button labelled `label`. */
export async function answerModal(page: Page, label: string) {
  const modal = page.locator('.taro__modal');
  await modal.locator('.taro-modal__foot > div', { hasText: label }).click();
}
