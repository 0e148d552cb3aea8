// Page object for the capacity advisor's tab: ask for advice, read the diagnosis and the candidates, and apply one.
import { expect, type Locator, type Page } from '@playwright/test';
import type { Words } from './words.js';

/** One capacity in the advisor's table, as a story reads it. */
export interface CandidateRead {
  capacity: number;
  refused: number;
  peakDepth: number;
}

/** The capacity advisor, under the charts. */
export class AdvisorTab {
  constructor(
    private readonly page: Page,
    private readonly words: Words,
  ) {}

  get tab(): Locator {
    return this.page.getByRole('tab', { name: this.words.t('advisor.title'), exact: true });
  }
  get diagnosis(): Locator {
    return this.page.getByTestId('advisor-diagnosis');
  }
  get check(): Locator {
    return this.page.getByTestId('advisor-check');
  }
  get table(): Locator {
    return this.page.getByRole('table', { name: this.words.t('advisor.table'), exact: true });
  }
  get suggestedRow(): Locator {
    return this.table.locator('tbody tr.suggested');
  }
  get windowSelect(): Locator {
    return this.page.getByRole('combobox', { name: this.words.t('advisor.window'), exact: true });
  }

  /** Asks from the tuning panel's link (the first time) or the tab's own button, and waits for the diagnosis. */
  async advise(): Promise<void> {
    const again = this.page.getByRole('button', { name: this.words.t('advisor.again'), exact: true });
    if (await again.isVisible()) await again.click();
    else await this.page.getByRole('button', { name: this.words.t('tuning.askAdvisor'), exact: true }).click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.diagnosis).toBeVisible();
  }

  /** The candidate in a row: its capacity, what it would have refused and its peak depth. */
  async read(row: Locator): Promise<CandidateRead> {
    const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
    return {
      capacity: Number(await row.getAttribute('data-capacity')),
      refused: number(await row.locator('[data-field="refused"]').textContent()),
      peakDepth: number(await row.locator('[data-field="peak"]').textContent()),
    };
  }

  /** Applies the suggested capacity and returns what the advisor predicted for it. */
  async applySuggestion(): Promise<CandidateRead> {
    const predicted = await this.read(this.suggestedRow);
    await this.suggestedRow.getByRole('button').click();
    await expect(this.suggestedRow).toContainText(this.words.t('advisor.inForce'));
    return predicted;
  }
}
