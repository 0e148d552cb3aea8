// Layout checks the page objects share: whether a piece of text is cut off instead of shown whole.
import type { Locator } from '@playwright/test';

/** Whether an element's text is cut off (ellipsis or hidden overflow) instead of shown whole. */
export function isCutOff(element: Locator): Promise<boolean> {
  return element.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
}
