// Page object for the Connection panel: fill in a broker as a new profile, connect, and read how the attempt went.
import { expect, type Locator, type Page } from '@playwright/test';
import { Region } from './region.js';
import type { Words } from './words.js';

/** A broker to connect to, as the connection form needs it. */
export interface BrokerAddress {
  host: string;
  port: number;
}

/** The "Connection" panel: profiles, the connection form and the outcome of the last attempt. */
export class ConnectionPanel extends Region {
  constructor(page: Page, words: Words) {
    super(page, words, 'connect.title');
  }

  get profile(): Locator {
    return this.root.getByRole('combobox', { name: this.t('connect.profile'), exact: true });
  }
  get profileName(): Locator {
    return this.field('connect.name');
  }
  get host(): Locator {
    return this.field('connect.host');
  }
  get port(): Locator {
    return this.field('connect.port');
  }
  get connectButton(): Locator {
    return this.button('connect.connect');
  }
  get disconnectButton(): Locator {
    return this.button('connect.disconnect');
  }
  /** What became of the last attempt (`data-phase`: idle, connecting, connected, failed, refused, waiting). */
  get outcome(): Locator {
    return this.root.getByTestId('connect-outcome');
  }

  /** Starts a new, unsaved profile. */
  async newProfile(): Promise<void> {
    await this.button('connect.newProfile').click();
    await expect(this.profileName).toBeVisible();
  }

  /** Fills a new profile for `broker`, without connecting. */
  async describe(name: string, broker: BrokerAddress): Promise<void> {
    await this.newProfile();
    await this.profileName.fill(name);
    await this.host.fill(broker.host);
    await this.port.fill(String(broker.port));
  }

  /** Connects with a new profile for `broker` and waits until the outcome says connected. */
  async connectTo(name: string, broker: BrokerAddress): Promise<void> {
    await this.describe(name, broker);
    await this.connectButton.click();
    await expect(this.outcome).toHaveAttribute('data-phase', 'connected');
  }
}
