// Page object for the Publish panel: compose a message by hand, send it, and follow what became of it.
import { expect, type Locator, type Page } from '@playwright/test';
import { Region } from './region.js';
import type { Words } from './words.js';

/** What became of a message published by hand (the status line's `data-state`). */
export type PublishState = 'sending' | 'queued' | 'written' | 'acked' | 'failed' | 'full' | 'dropped' | 'closed' | 'refused';

/** The "Publish" panel: a message composed by hand, sent with publish or tryPublish, and followed. */
export class PublishPanel extends Region {
  constructor(page: Page, words: Words) {
    super(page, words, 'publish.title');
  }

  get topic(): Locator {
    return this.field('publish.topic');
  }
  get payload(): Locator {
    return this.field('publish.payload');
  }
  get payloadFormat(): Locator {
    return this.root.getByRole('combobox', { name: this.t('publish.format'), exact: true });
  }
  get publishButton(): Locator {
    return this.button('publish.send');
  }
  /** The newest message's fate (`data-state`). */
  get status(): Locator {
    return this.root.getByTestId('publish-status');
  }
  get history(): Locator {
    return this.root.getByTestId('publish-history');
  }
  get historyItems(): Locator {
    return this.history.getByRole('listitem');
  }

  qos(level: 0 | 1 | 2): Locator {
    return this.root.getByRole('radio', { name: `QoS ${level}`, exact: true });
  }

  /** `publish` waits for room; `tryPublish` fails at once when the channel is full. */
  mode(mode: 'publish' | 'tryPublish'): Locator {
    return this.root.getByRole('radio', { name: mode, exact: true });
  }

  async compose(message: { topic: string; payload: string; qos?: 0 | 1 | 2; mode?: 'publish' | 'tryPublish'; format?: 'text' | 'json' | 'hex' | 'base64' }): Promise<void> {
    await this.topic.fill(message.topic);
    if (message.format) await this.payloadFormat.selectOption(message.format);
    await this.payload.fill(message.payload);
    if (message.qos !== undefined) await this.qos(message.qos).check();
    if (message.mode) await this.mode(message.mode).check();
  }

  /** How many messages the "Sent" history lists. */
  async sentCount(): Promise<number> {
    return (await this.history.isVisible()) ? this.historyItems.count() : 0;
  }

  /**
   * Publishes what is composed and waits until the service has answered for
   * it (the newest record is past "sending"); returns its state.
   */
  async publishOnce(): Promise<PublishState> {
    const before = await this.sentCount();
    await this.publishButton.click();
    await expect(this.historyItems).toHaveCount(Math.min(before + 1, 100));
    await expect(this.status).not.toHaveAttribute('data-state', 'sending');
    return (await this.status.getAttribute('data-state')) as PublishState;
  }

  /** Publishes again and again until a message comes back `state`; returns how many were sent. */
  async publishUntil(state: PublishState, atMost: number): Promise<number> {
    for (let sent = 1; sent <= atMost; sent++) {
      if ((await this.publishOnce()) === state) return sent;
    }
    throw new Error(`no publish came back "${state}" within ${atMost} attempts`);
  }
}
