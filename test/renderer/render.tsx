// Renders real components with the real store and i18n, against a fake
// GaugeApi (the renderer's only dependency).
import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n.js';
import { ChartMarkers, chartMarkers, replayView, SampleHistory, sampleHistory } from '../../renderer/src/metrics/index.js';
import { bindService } from '../../renderer/src/service/bind.js';
import { setService } from '../../renderer/src/service/current.js';
import type { Language } from '../../renderer/src/store/slices/settings.js';
import { resetStore } from '../../renderer/src/store/store.js';
import { createFakeApi, type FakeApi } from './fake-api.js';

let unbind: (() => void) | null = null;

afterEach(() => {
  cleanup();
  unbind?.();
  unbind = null;
  setService(null);
});

/** A fresh store, history and fake service. */
export function freshState(api: FakeApi = createFakeApi()): FakeApi {
  resetStore();
  sampleHistory.clear();
  chartMarkers.clear();
  replayView.active = false;
  replayView.history = new SampleHistory(1);
  replayView.markers = new ChartMarkers();
  setService(api);
  return api;
}

/** Lets the first picture (settings, profiles, snapshot, history) arrive from the fake service. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

/**
 * Renders `ui` with a fresh store bound to a fake service, as the app binds
 * the real one (events flow in; the first picture is loaded).
 */
export function renderWithGauge(ui: ReactElement, options: { api?: FakeApi; language?: Language } = {}): RenderResult & { api: FakeApi } {
  const api = freshState(options.api);
  unbind = bindService(api);
  const i18n = createI18n(options.language ?? 'en');
  return { ...render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>), api };
}
