// Page object for the whole dashboard, the one a story starts from: header switches, gauges, alerts, charts and a model per panel.
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { ConnectionPanel } from './connection-panel.js';
import { AdvisorTab } from './advisor-tab.js';
import { LoadPanel } from './load-panel.js';
import { PublishPanel } from './publish-panel.js';
import { SubscribePanel } from './subscribe-panel.js';
import { TuningPanel } from './tuning-panel.js';
import { Words, type Language } from './words.js';

/** The alert rules the banner can show (`alert-<rule>`). */
export type AlertRule = 'loop-stalled' | 'channel-nearly-full' | 'try-publish-failing' | 'messages-dropped' | 'ping-slow' | 'reconnect-loop';

export type ChartId = 'depth' | 'failures' | 'inflight' | 'throughput' | 'latency' | 'ping';

/**
 * The whole dashboard as a person sees it: the header's switches, the
 * gauges, alerts and charts, and one model per panel. Controls are found by
 * the words of the language shown; `speak` follows a language change.
 */
export class Dashboard {
  readonly words: Words;
  readonly connection: ConnectionPanel;
  readonly publish: PublishPanel;
  readonly tuning: TuningPanel;
  readonly load: LoadPanel;
  readonly subscribe: SubscribePanel;
  readonly advisor: AdvisorTab;

  constructor(
    readonly page: Page,
    language: Language = 'en',
  ) {
    this.words = new Words(language);
    this.connection = new ConnectionPanel(page, this.words);
    this.publish = new PublishPanel(page, this.words);
    this.tuning = new TuningPanel(page, this.words);
    this.load = new LoadPanel(page, this.words);
    this.subscribe = new SubscribePanel(page, this.words);
    this.advisor = new AdvisorTab(page, this.words);
  }

  t(key: string): string {
    return this.words.t(key);
  }

  /** From now on, find controls by the words of `language`. */
  speak(language: Language): void {
    this.words.language = language;
  }

  region(key: string): Locator {
    return this.page.getByRole('region', { name: this.t(key), exact: true });
  }

  // Header

  get connectionState(): Locator {
    return this.page.getByTestId('connection-state');
  }
  get stallSwitch(): Locator {
    return this.page.getByRole('switch', { name: this.t('header.stallLoop'), exact: true });
  }
  get languageSelect(): Locator {
    return this.page.getByRole('combobox', { name: this.t('settings.language'), exact: true });
  }
  get themeSelect(): Locator {
    return this.page.getByRole('combobox', { name: this.t('settings.theme'), exact: true });
  }
  get exportDiagnosticsButton(): Locator {
    return this.page.getByRole('button', { name: this.t('diagnostics.export'), exact: true });
  }

  async stallLoop(): Promise<void> {
    await this.stallSwitch.click();
    await expect(this.stallSwitch).toHaveAttribute('aria-checked', 'true');
    await expect(this.tuning.loopStatus).toHaveAttribute('data-state', 'paused');
  }

  async resumeLoop(): Promise<void> {
    await this.stallSwitch.click();
    await expect(this.stallSwitch).toHaveAttribute('aria-checked', 'false');
  }

  /** Switches the UI language with the header's select; `speak`s it too. */
  async chooseLanguage(language: Language | 'system', shown: Language = language === 'system' ? this.words.language : language): Promise<void> {
    await this.languageSelect.selectOption(language);
    this.speak(shown);
    await expect(this.page.locator('html')).toHaveAttribute('lang', shown);
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.themeSelect.selectOption(theme);
    if (theme !== 'system') await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
  }

  /** Saves a diagnostics bundle through the header's button; resolves with the browser's download. */
  async exportDiagnostics(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.exportDiagnosticsButton.click();
    return download;
  }

  // Gauges

  /** The channel's depth against its capacity (`data-depth`, `data-capacity`, `data-level`). */
  get depthGauge(): Locator {
    return this.page.getByRole('meter', { name: this.t('gauges.depth'), exact: true });
  }
  get failedTile(): Locator {
    return this.page.getByTestId('gauge-failed');
  }
  get droppedTile(): Locator {
    return this.page.getByTestId('gauge-dropped');
  }
  get acceptedTile(): Locator {
    return this.page.getByTestId('gauge-accepted');
  }
  get health(): Locator {
    return this.region('health.title');
  }
  get healthLastError(): Locator {
    return this.health.getByTestId('health-last-error');
  }
  /** Ticks once a second while connected: waiting for it to change waits for newer samples. */
  get healthUptime(): Locator {
    return this.health.getByTestId('health-uptime');
  }

  async depth(): Promise<{ depth: number; capacity: number }> {
    const [depth, capacity] = await Promise.all([this.depthGauge.getAttribute('data-depth'), this.depthGauge.getAttribute('data-capacity')]);
    return { depth: Number(depth), capacity: Number(capacity) };
  }

  /** A tile's figure (`data-value`). */
  async value(tile: Locator): Promise<number> {
    return Number(await tile.getAttribute('data-value'));
  }

  /** Resolves once samples newer than now have reached the page (the uptime has ticked twice). */
  async newerSamples(): Promise<void> {
    for (let tick = 0; tick < 2; tick++) {
      const before = await this.healthUptime.textContent();
      await expect(this.healthUptime).not.toHaveText(before ?? '');
    }
  }

  // Alerts

  get alertBanner(): Locator {
    return this.region('alertBanner.title');
  }
  alert(rule: AlertRule): Locator {
    return this.page.getByTestId(`alert-${rule}`);
  }

  // Charts

  get charts(): Locator {
    return this.region('charts.title');
  }
  chart(id: ChartId): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }
  /** The value a chart's legend shows for one series, by its legend label. */
  legendValue(id: ChartId, seriesKey: string): Locator {
    return this.chart(id).getByRole('listitem').filter({ hasText: this.t(seriesKey) }).locator('.legend-value');
  }

  // Log and messages

  tab(which: 'log' | 'messages'): Locator {
    return this.page.getByRole('tab', { name: this.t(which === 'log' ? 'eventLog.title' : 'messages.title'), exact: true });
  }
  get eventLog(): Locator {
    return this.page.getByRole('log', { name: this.t('eventLog.title'), exact: true });
  }
  /** What arrived and what was skipped for rate (`data-received`, `data-skipped`); shown on the messages tab. */
  get messagesSummary(): Locator {
    return this.page.getByTestId('messages-skipped');
  }

  /** How many entries the event log holds (the figure on its tab). */
  async logEntryCount(): Promise<number> {
    const badge = await this.tab('log').locator('.tab-badge').textContent();
    return Number((badge ?? '').replace(/[^\d]/g, ''));
  }
}
