// The base of every panel's page object: a titled region found by its name in the language shown, and its fields and buttons.
import type { Locator, Page } from '@playwright/test';
import type { Words } from './words.js';

/** A titled region of the dashboard, found by its accessible name in the language shown. */
export abstract class Region {
  constructor(
    protected readonly page: Page,
    protected readonly words: Words,
    private readonly titleKey: string,
  ) {}

  protected t(key: string): string {
    return this.words.t(key);
  }

  /** The region itself; `exact` because "Connection" is also the start of "Connection health". */
  get root(): Locator {
    return this.page.getByRole('region', { name: this.t(this.titleKey), exact: true });
  }

  protected field(key: string): Locator {
    return this.root.getByRole('textbox', { name: this.t(key), exact: true });
  }

  protected button(key: string): Locator {
    return this.root.getByRole('button', { name: this.t(key), exact: true });
  }

  /** The message shown next to a field, by the field's test id suffix. */
  fieldError(name: string): Locator {
    return this.root.getByTestId(`field-error-${name}`);
  }
}
