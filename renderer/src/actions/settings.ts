// Theme and language: applied at once, then saved with the service's settings.
import { service } from '../service/current.js';
import type { LanguagePreference, ThemePreference } from '../store/slices/settings.js';
import { useGauge } from '../store/store.js';

export async function chooseTheme(theme: ThemePreference): Promise<void> {
  useGauge.getState().setThemePreference(theme);
  const result = await service().setSettings({ theme });
  if (result.ok) useGauge.getState().setSettings(result.value);
}

export async function chooseLanguage(language: LanguagePreference): Promise<void> {
  useGauge.getState().setLanguagePreference(language);
  const result = await service().setSettings({ language });
  if (result.ok) useGauge.getState().setSettings(result.value);
}
