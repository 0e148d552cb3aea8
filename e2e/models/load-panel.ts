// Page object for the Generate load panel: fill in and start a run, stop it, and read its sent, failed and dropped figures.
import { expect, type Locator, type Page } from '@playwright/test';
import { Region } from './region.js';
import type { Words } from './words.js';

/** A load run, as the "Generate load" form takes it. */
export interface LoadRun {
  topic?: string;
  rate: number;
  burst?: number;
  /** Stop after this many seconds; without it the run goes on until stopped. */
  seconds?: number;
  payloadBytes?: number;
  qos?: 0 | 1 | 2;
  mode?: 'publish' | 'tryPublish';
}

/** The "Generate load" panel: a load generator with rate, bursts and a duration, and its live progress. */
export class LoadPanel extends Region {
  constructor(page: Page, words: Words) {
    super(page, words, 'load.title');
  }

  get topic(): Locator {
    return this.field('load.topic');
  }
  get rate(): Locator {
    return this.field('load.rate');
  }
  get burst(): Locator {
    return this.field('load.burst');
  }
  get stopAfter(): Locator {
    return this.root.getByRole('combobox', { name: this.t('load.stopAfter'), exact: true });
  }
  get seconds(): Locator {
    return this.field('load.duration');
  }
  get payloadBytes(): Locator {
    return this.field('load.payloadSize');
  }
  get qos(): Locator {
    return this.root.getByRole('combobox', { name: this.t('load.qos'), exact: true });
  }
  get mode(): Locator {
    return this.root.getByRole('combobox', { name: this.t('load.mode'), exact: true });
  }
  get startButton(): Locator {
    return this.button('load.start');
  }
  get stopButton(): Locator {
    return this.button('load.stop');
  }
  /** The run's progress (`data-running`). */
  get progress(): Locator {
    return this.root.getByTestId('load-progress');
  }
  get sent(): Locator {
    return this.root.getByTestId('load-sent');
  }
  get failed(): Locator {
    return this.root.getByTestId('load-failed');
  }
  get dropped(): Locator {
    return this.root.getByTestId('load-dropped');
  }

  async fill(run: LoadRun): Promise<void> {
    if (run.topic !== undefined) await this.topic.fill(run.topic);
    await this.rate.fill(String(run.rate));
    if (run.burst !== undefined) await this.burst.fill(String(run.burst));
    if (run.seconds !== undefined) {
      await this.stopAfter.selectOption('duration');
      await this.seconds.fill(String(run.seconds));
    } else {
      await this.stopAfter.selectOption('never');
    }
    if (run.payloadBytes !== undefined) await this.payloadBytes.fill(String(run.payloadBytes));
    if (run.qos !== undefined) await this.qos.selectOption(String(run.qos));
    if (run.mode !== undefined) await this.mode.selectOption(run.mode);
  }

  /** Starts a run and waits until the panel shows it running. */
  async start(run: LoadRun): Promise<void> {
    await this.fill(run);
    await this.startButton.click();
    await expect(this.progress).toHaveAttribute('data-running', 'true');
  }

  /** Stops the run and waits until the panel shows it stopped. */
  async stop(): Promise<void> {
    await this.stopButton.click();
    await expect(this.progress).toHaveAttribute('data-running', 'false');
  }

  /** A figure of the run (sent, failed, dropped) as a number. */
  async figure(which: 'sent' | 'failed' | 'dropped'): Promise<number> {
    return Number((await this[which].textContent())!.replace(/[^\d]/g, ''));
  }
}
