// The renderer's root: one i18next instance for the app's life, the service bound to the store, theme and language kept applied, and the dashboard.
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { GaugeApi } from '../../shared/contract.js';
import { Dashboard } from './components/layout/Dashboard.js';
import { createI18n } from './i18n/i18n.js';
import { bindService } from './service/bind.js';
import { selectLanguage } from './store/slices/settings.js';
import { useGauge } from './store/store.js';
import { usePreferences } from './theme/preferences.js';

function Preferences() {
  const { i18n } = useTranslation();
  usePreferences(i18n);
  return null;
}

/** The app: binds the service to the store, provides translations, draws the dashboard. */
export function App({ api }: { api: GaugeApi }) {
  const [i18n] = useState(() => createI18n(selectLanguage(useGauge.getState())));
  useEffect(() => bindService(api), [api]);
  return (
    <I18nextProvider i18n={i18n}>
      <Preferences />
      <Dashboard />
    </I18nextProvider>
  );
}
