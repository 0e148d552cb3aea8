// The languages MQTT Gauge speaks, and how a system's language tag maps to one.

export const LOCALES = ['en', 'zh-CN'] as const;
/** A language with a complete catalogue. */
export type Locale = (typeof LOCALES)[number];

/** The catalogue for a system language tag ("zh-TW", "zh_CN.UTF-8", "en-GB"): any Chinese → zh-CN, anything else → en. */
export function localeFromTag(tag: string | null | undefined): Locale {
  return (tag ?? '').trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
