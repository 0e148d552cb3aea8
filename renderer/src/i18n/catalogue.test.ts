// The catalogues and the code agree: every key the renderer uses is in both
// catalogues, every catalogue key is used, both hold the same keys, and every
// message is valid ICU with the same arguments in both languages.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from '../../../shared/locales/en.json';
import { DYNAMIC_KEY_FAMILIES, LOG_KEYS } from '../../../shared/locales/keys.js';
import zhCN from '../../../shared/locales/zh-CN.json';

type Catalogue = { [key: string]: string | Catalogue };
const CATALOGUES: Record<string, Catalogue> = { en, 'zh-CN': zhCN };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

// Every source file of the renderer (tests excepted), as text.
const sources = Object.entries(import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../test/**'], { query: '?raw', import: 'default', eager: true }));

/** Keys written out literally: t('…'), tk('…') and i18nKey="…". */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, text] of sources) {
    for (const match of text.matchAll(/\b(?:t|tk)\(\s*(['"])([^'"]+)\1/g)) found.set(match[2]!, file);
    for (const match of text.matchAll(/i18nKey=(['"])([^'"]+)\1/g)) found.set(match[2]!, file);
  }
  return found;
}

/** Prefixes of keys built at run time: t(`prefix.${…}`). */
function dynamicPrefixes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, text] of sources) for (const match of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) found.set(match[1]!, file);
  return found;
}

function usedKeys(): Set<string> {
  const used = new Set(literalKeys().keys());
  for (const [prefix, values] of Object.entries(DYNAMIC_KEY_FAMILIES)) for (const value of values) used.add(`${prefix}${value}`);
  return used;
}

const LITERAL = 0;
const PLURAL = 6;

/** The argument names a message uses (and which of them only choose a plural form), from its ICU syntax tree. */
function argumentsOf(message: string, locale: string): string[] {
  return [...walkArguments(message, locale).all].sort();
}

function walkArguments(message: string, locale: string): { all: Set<string>; plural: Set<string> } {
  const all = new Set<string>();
  const plural = new Set<string>();
  const walk = (nodes: unknown[]): void => {
    for (const node of nodes as Array<{ value?: unknown; options?: Record<string, { value: unknown[] }>; type: number }>) {
      if (typeof node.value === 'string' && node.type !== LITERAL) all.add(node.value);
      if (typeof node.value === 'string' && node.type === PLURAL) plural.add(node.value);
      if (node.options) for (const option of Object.values(node.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return { all, plural };
}

describe('message catalogues', () => {
  const flat = Object.fromEntries(Object.entries(CATALOGUES).map(([language, catalogue]) => [language, flatten(catalogue)]));

  it('finds the renderer sources it scans', () => {
    expect(sources.length).toBeGreaterThan(30);
    expect(literalKeys().size).toBeGreaterThan(100);
  });

  it('holds every key the renderer uses, in every language', () => {
    const used = usedKeys();
    for (const [language, keys] of Object.entries(flat)) {
      const missing = [...used].filter((key) => !keys.has(key));
      expect(missing, `missing from ${language}.json`).toEqual([]);
    }
  });

  it('holds no key that nothing uses', () => {
    const used = usedKeys();
    for (const [language, keys] of Object.entries(flat)) {
      const unused = [...keys.keys()].filter((key) => !used.has(key));
      expect(unused, `unused in ${language}.json`).toEqual([]);
    }
  });

  it('builds keys at run time only from families listed in shared/locales/keys.ts', () => {
    const unknown = [...dynamicPrefixes()].filter(([prefix]) => !Object.hasOwn(DYNAMIC_KEY_FAMILIES, prefix)).map(([prefix, file]) => `${prefix}… in ${file}`);
    expect(unknown).toEqual([]);
  });

  it('has the same keys in both languages', () => {
    expect([...flat['zh-CN']!.keys()].sort()).toEqual([...flat.en!.keys()].sort());
  });

  it('has messages that parse as ICU, with the same arguments in both languages', () => {
    for (const [key, english] of flat.en!) {
      const chinese = flat['zh-CN']!.get(key);
      expect(() => argumentsOf(english, 'en'), `en ${key}`).not.toThrow();
      if (chinese === undefined) continue;
      expect(() => argumentsOf(chinese, 'zh-CN'), `zh-CN ${key}`).not.toThrow();
      // A language without plural forms may leave out an argument English uses only to choose one.
      const en = walkArguments(english, 'en');
      const zh = walkArguments(chinese, 'zh-CN');
      expect([...zh.all].filter((name) => !en.all.has(name)), `arguments of ${key} unknown to English`).toEqual([]);
      expect([...en.all].filter((name) => !zh.all.has(name) && !en.plural.has(name)), `arguments of ${key} missing in Chinese`).toEqual([]);
    }
  });

  it('words every log line the main process may send with the params it documents', () => {
    for (const [key, params] of Object.entries(LOG_KEYS)) {
      const args = argumentsOf(flat.en!.get(key)!, 'en');
      // Alert lines are worded with the alert's own message, built by the renderer.
      const expected = key === 'log.alert-raised' || key === 'log.alert-cleared' ? ['alert'] : [...params].sort();
      expect(args, key).toEqual(expected);
    }
  });
});
