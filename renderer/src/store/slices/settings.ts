// The store's settings slice: the service's settings, theme and language (chosen or the system's), the chart window and the bottom tab.
import type { StateCreator } from 'zustand';
import { localeFromTag } from '../../../../shared/locales/locale.js';
import type { Settings } from '../../../../shared/schemas.js';

export type ThemePreference = Settings['theme'];
export type LanguagePreference = Settings['language'];
export type Language = 'en' | 'zh-CN';
export type BottomTab = 'log' | 'messages' | 'advisor';

/** Settings from the service, and the UI's own choices. */
export interface SettingsSlice {
  settings: Settings | null;
  themePreference: ThemePreference;
  languagePreference: LanguagePreference;
  /** What the system asks for (prefers-color-scheme: dark). */
  systemDark: boolean;
  /** The system's language: the desktop shell's (Electron's app.getLocale()) when it says, else the browser's (navigator.language). */
  systemLanguage: string;
  /** How many seconds the charts show. */
  chartWindowSec: number;
  bottomTab: BottomTab;
  setSettings(settings: Settings): void;
  setThemePreference(theme: ThemePreference): void;
  setLanguagePreference(language: LanguagePreference): void;
  setSystemDark(dark: boolean): void;
  /** The system's language as the desktop shell knows it, which wins over the browser's. */
  setSystemLanguage(tag: string): void;
  setChartWindow(seconds: number): void;
  setBottomTab(tab: BottomTab): void;
}

export const CHART_WINDOWS_SEC = [60, 300, 900] as const;

export const createSettingsSlice: StateCreator<SettingsSlice> = (set) => ({
  settings: null,
  themePreference: 'system',
  languagePreference: 'system',
  systemDark: false,
  systemLanguage: typeof navigator === 'undefined' ? 'en' : navigator.language,
  chartWindowSec: 60,
  bottomTab: 'log',
  setSettings: (settings) => set({ settings, themePreference: settings.theme, languagePreference: settings.language }),
  setThemePreference: (themePreference) => set({ themePreference }),
  setLanguagePreference: (languagePreference) => set({ languagePreference }),
  setSystemDark: (systemDark) => set({ systemDark }),
  setSystemLanguage: (systemLanguage) => set({ systemLanguage }),
  setChartWindow: (chartWindowSec) => set({ chartWindowSec }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
});

/** The language to show: the setting, or the system's (any Chinese → zh-CN). */
export function resolveLanguage(preference: LanguagePreference, systemLanguage: string): Language {
  if (preference !== 'system') return preference;
  return localeFromTag(systemLanguage);
}

/** The theme to show: the setting, or the system's. */
export function resolveTheme(preference: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  if (preference !== 'system') return preference;
  return systemDark ? 'dark' : 'light';
}

/** Selectors for the resolved language and theme. */
export const selectLanguage = (state: SettingsSlice): Language => resolveLanguage(state.languagePreference, state.systemLanguage);
export const selectTheme = (state: SettingsSlice): 'light' | 'dark' => resolveTheme(state.themePreference, state.systemDark);
