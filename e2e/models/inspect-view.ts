// The Inspect view as a story sees it: the view switch, the proxy's controls, the client rows and the chosen client's detail.
import type { Locator, Page } from '@playwright/test';

export class InspectView {
  constructor(private readonly page: Page) {}

  /** Switches the window to Inspect with the header's view switch. */
  async open(): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: /^Inspect/ }).check();
  }

  get proxyPanel(): Locator {
    return this.page.getByTestId('inspect-proxy');
  }

  get listening(): Locator {
    return this.page.getByTestId('inspect-listening');
  }

  /** Starts the proxy on `port` (0: a free one) and returns the port it listens on. */
  async start(port: number): Promise<number> {
    await this.proxyPanel.getByLabel('Listen port (loopback)').fill(String(port));
    await this.proxyPanel.getByRole('button', { name: 'Start the proxy' }).click();
    const text = await this.listening.innerText();
    return Number(/127\.0\.0\.1:(\d+)/.exec(text)![1]);
  }

  async stop(): Promise<void> {
    await this.proxyPanel.getByRole('button', { name: 'Stop the proxy' }).click();
  }

  /** The row of the connection whose CONNECT carried `clientId`. */
  row(clientId: string): Locator {
    return this.page.locator(`tr[data-client-id="${clientId}"]`);
  }

  verdictCell(clientId: string): Locator {
    return this.row(clientId).locator('.inspect-verdict-cell');
  }

  get detail(): Locator {
    return this.page.getByTestId('inspect-detail');
  }

  verdict(id: string): Locator {
    return this.detail.getByTestId(`inspect-verdict-${id}`);
  }

  chart(id: string): Locator {
    return this.page.getByTestId(`inspect-chart-${id}`);
  }
}
