// Page object for the Subscribe panel: add a topic filter and count the filters and the messages received.
import { expect, type Locator, type Page } from '@playwright/test';
import { Region } from './region.js';
import type { Words } from './words.js';

/** The "Subscribe" panel: topic filters and what arrives on them. */
export class SubscribePanel extends Region {
  constructor(page: Page, words: Words) {
    super(page, words, 'subscriptions.title');
  }

  get filter(): Locator {
    return this.field('subscriptions.filter');
  }
  get subscribeButton(): Locator {
    return this.button('subscriptions.subscribe');
  }
  /** The filters subscribed to now (absent when there are none). */
  get list(): Locator {
    return this.root.getByRole('list', { name: this.t('subscriptions.listLabel'), exact: true });
  }
  get received(): Locator {
    return this.root.getByTestId('messages-received');
  }

  async subscribe(filter: string): Promise<void> {
    await this.filter.fill(filter);
    await this.subscribeButton.click();
    await expect(this.list.getByText(filter, { exact: true })).toBeVisible();
  }

  async subscriptionCount(): Promise<number> {
    return (await this.list.isVisible()) ? this.list.getByRole('listitem').count() : 0;
  }
}
