// Keeps the page in the chosen theme and language: data-theme on <html>, i18next's language, and the system's dark mode followed live.
import type { i18n as I18n } from 'i18next';
import { useEffect } from 'react';
import { selectLanguage, selectTheme } from '../store/slices/settings.js';
import { useGauge } from '../store/store.js';

/**
 * Applies the chosen (or the system's) theme and language to the page:
 * follows prefers-color-scheme live, switches i18next without a restart.
 */
export function usePreferences(i18n: I18n): void {
  const theme = useGauge(selectTheme);
  const language = useGauge(selectLanguage);
  const setSystemDark = useGauge((s) => s.setSystemDark);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    setSystemDark(query.matches);
    const onChange = (event: MediaQueryListEvent) => setSystemDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [setSystemDark]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
}
