// The catalogues and the code agree, across the whole app (renderer, main
// process and CLI, shared): every key the code uses is in both catalogues,
// every catalogue key is used, both hold the same keys, and every message is
// valid ICU with the same arguments in both languages.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from '../../../shared/locales/en.json';
import { DYNAMIC_KEY_FAMILIES, LOG_KEYS } from '../../../shared/locales/keys.js';
import { flattenCatalogue, type Catalogue } from '../../../shared/locales/translator.js';
import zhCN from '../../../shared/locales/zh-CN.json';

const CATALOGUES: Record<string, Catalogue> = { en, 'zh-CN': zhCN };

// Every source file of the app (tests and test helpers excepted), as text, by tree.
const TREES = {
  renderer: import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true }),
  main: import.meta.glob<string>(['../../../main/**/*.ts', '!../../../main/**/*.test.ts'], { query: '?raw', import: 'default', eager: true }),
  shared: import.meta.glob<string>(['../../../shared/**/*.ts', '!../../../shared/**/*.test.ts'], { query: '?raw', import: 'default', eager: true }),
};
const sources = Object.values(TREES).flatMap((tree) => Object.entries(tree));

/** The catalogues' top-level namespaces: a string literal starting with one of them and a dot is a key. */
const NAMESPACES = Object.keys(en).join('|');
/** Quoted literals that look like keys of a namespace ('log.connected', "cli.help.main", `alerts.ping-slow`), not file names. */
const LITERAL_KEY = new RegExp(`(['"\`])((?:${NAMESPACES})(?:\\.[\\w-]+)+)\\1`, 'g');
const FILE_NAME = /\.(?:[cm]?[jt]sx?|json|gz|css|html|md|pem|yml)$/;
/** Keys given to a translate function or a component, whatever their namespace: t('…'), tk('…'), translate('…'), i18nKey="…". */
const CALLED_KEY = /(?:\b(?:t|tk|translate)\(\s*|\bi18nKey=)(['"`])([^'"`$\s]+)\1/g;
/** Template literals building a key at run time: `alerts.${rule}`. */
const DYNAMIC_KEY = new RegExp(`\`((?:${NAMESPACES})\\.(?:[\\w-]+\\.)*)\\$\\{`, 'g');

/** Keys written out literally anywhere: t('…'), tk('…'), i18nKey="…", note(…, 'log.…'), key: '…', constants. */
function literalKeys(files: Array<[string, string]> = sources): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, text] of files) {
    for (const match of text.matchAll(LITERAL_KEY)) if (!FILE_NAME.test(match[2]!)) found.set(match[2]!, file);
    for (const match of text.matchAll(CALLED_KEY)) found.set(match[2]!, file);
  }
  return found;
}

/** Prefixes of keys built at run time. */
function dynamicPrefixes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, text] of sources) for (const match of text.matchAll(DYNAMIC_KEY)) found.set(match[1]!, file);
  return found;
}

function usedKeys(): Set<string> {
  const used = new Set(literalKeys().keys());
  for (const [prefix, values] of Object.entries(DYNAMIC_KEY_FAMILIES)) for (const value of values) used.add(`${prefix}${value}`);
  return used;
}

const LITERAL = 0;
const PLURAL = 6;

/** The argument names a message uses, from its ICU syntax tree. */
function argumentsOf(message: string, locale: string): string[] {
  return [...walkArguments(message, locale).all].sort();
}

/** Every argument name, and those that only choose a plural form. */
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
  const flat = Object.fromEntries(Object.entries(CATALOGUES).map(([language, catalogue]) => [language, flattenCatalogue(catalogue)]));

  it('finds the sources it scans, and keys in each part of the app', () => {
    expect(Object.keys(TREES.renderer).length).toBeGreaterThan(30);
    expect(Object.keys(TREES.main).length).toBeGreaterThan(30);
    expect(Object.keys(TREES.shared).length).toBeGreaterThan(10);
    for (const [tree, files] of Object.entries(TREES)) expect(literalKeys(Object.entries(files)).size, tree).toBeGreaterThan(10);
    // The CLI's words, the service's log lines and the shared summary are among them.
    const found = literalKeys();
    for (const key of ['cli.help.brokerOptions', 'log.corrupt-file', 'summary.during', 'validation.required']) expect(found.has(key), key).toBe(true);
  });

  it('holds every key the code uses, in every language', () => {
    const used = usedKeys();
    for (const [language, keys] of Object.entries(flat)) {
      const missing = [...used].filter((key) => !keys.has(key)).map((key) => `${key} (${literalKeys().get(key) ?? 'a family in shared/locales/keys.ts'})`);
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
      // Alert and verdict lines are worded with the alert's (or verdict's) own message, built by the shared wording.
      const expected =
        key === 'log.alert-raised' || key === 'log.alert-cleared'
          ? ['alert']
          : key === 'log.inspect-verdict' || key === 'log.inspect-verdict-cleared'
            ? ['client', 'verdict']
            : key === 'log.report-alert' || key === 'log.report-alert-cleared'
              ? ['alert', 'client']
              : // A bad report's detail is worded only when it has one.
                key === 'log.report-bad'
                ? [...params, 'hasDetail'].sort()
                : [...params].sort();
      expect(args, key).toEqual(expected);
    }
  });
});
