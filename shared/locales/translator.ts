// Catalogue messages for code that runs without i18next (the main process,
// the CLI): the same JSON catalogues and the same ICU engine i18next-icu
// uses in the renderer, so both sides word a message alike.
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import en from './en.json' with { type: 'json' };
import type { Locale } from './locale.js';
import type { Translate } from './wording.js';
import zhCN from './zh-CN.json' with { type: 'json' };

/** A catalogue as stored: nested objects of ICU messages. */
export type Catalogue = { [key: string]: string | Catalogue };

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, 'zh-CN': zhCN };

/** A catalogue's messages by dotted key ("log.connected"). */
export function flattenCatalogue(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flattenCatalogue(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const translators = new Map<Locale, Translate>();

/**
 * A `Translate` for one language. A key missing from its catalogue falls back
 * to English, and a key missing from both comes back as itself (as i18next
 * does). A message given too few values throws, so callers with a fallback
 * text can use it. Messages are compiled once, on first use.
 */
export function createTranslator(locale: Locale): Translate {
  const existing = translators.get(locale);
  if (existing) return existing;
  const own = flattenCatalogue(CATALOGUES[locale]);
  const english = locale === 'en' ? own : flattenCatalogue(CATALOGUES.en);
  const compiled = new Map<string, IntlMessageFormat>();
  const translate: Translate = (key, values) => {
    let message = compiled.get(key);
    if (!message) {
      const text = own.get(key);
      const fallback = text === undefined ? english.get(key) : undefined;
      if (text === undefined && fallback === undefined) return key;
      message = text !== undefined ? new IntlMessageFormat(text, locale) : new IntlMessageFormat(fallback!, 'en');
      compiled.set(key, message);
    }
    const out = message.format(values as Record<string, PrimitiveType> | undefined);
    return Array.isArray(out) ? out.join('') : String(out);
  };
  translators.set(locale, translate);
  return translate;
}
