// Page object for the Tune live panel: capacity, overflow policy and in-flight window, changed while the client runs.
import { expect, type Locator, type Page } from '@playwright/test';
import { Region } from './region.js';
import type { Words } from './words.js';

export type OverflowPolicy = 'block' | 'drop-oldest' | 'drop-newest';

/** The "Tune live" panel: capacity, overflow policy and in-flight window, applied while the client runs. */
export class TuningPanel extends Region {
  constructor(page: Page, words: Words) {
    super(page, words, 'tuning.title');
  }

  get capacity(): Locator {
    return this.field('tuning.capacity');
  }
  get capacitySlider(): Locator {
    return this.root.getByRole('slider', { name: this.t('tuning.capacitySlider'), exact: true });
  }
  /** The capacity in force, as the panel shows it. */
  get capacityLive(): Locator {
    return this.root.getByTestId('capacity-live');
  }
  get policyHint(): Locator {
    return this.root.getByTestId('policy-hint');
  }
  get loopStatus(): Locator {
    return this.root.getByTestId('loop-status');
  }

  policy(policy: OverflowPolicy): Locator {
    return this.root.getByRole('radio', { name: this.t(`policy.${policy}`), exact: true });
  }

  /** Types a capacity and presses Enter, as a person applying it does. */
  async typeCapacity(value: string): Promise<void> {
    await this.capacity.fill(value);
    await this.capacity.press('Enter');
  }

  /** Applies a capacity and waits until the panel shows it in force. */
  async setCapacity(value: number): Promise<void> {
    await this.typeCapacity(String(value));
    await expect(this.capacityLive).toHaveText(new Intl.NumberFormat('en-US').format(value));
    await expect(this.capacity).not.toHaveAttribute('aria-invalid', 'true');
  }

  async choosePolicy(policy: OverflowPolicy): Promise<void> {
    await this.policy(policy).check();
    await expect(this.policy(policy)).toBeChecked();
  }
}
