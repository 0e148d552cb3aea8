// i18next with ICU messages (plurals, selects, numbers in the reader's
// locale), loaded from the shared catalogues. One instance per app.
import i18next, { type i18n as I18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from '../../../shared/locales/en.json';
import zhCN from '../../../shared/locales/zh-CN.json';
import type { Language } from '../store/slices/settings.js';

export const CATALOGUES = { en, 'zh-CN': zhCN } as const;

/** A ready instance showing `language`; synchronous, since the catalogues are bundled. */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: ['en', 'zh-CN'],
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  return instance;
}
