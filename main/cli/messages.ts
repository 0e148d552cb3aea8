// Every string the CLI shows a person comes from the message catalogues
// (`cli.*`, and the shared wording for alerts, summaries and bundle errors),
// in the language of --lang or of the environment. Machine output (--json)
// is not worded here: its field names are an interface, not text.
import type { ServiceIssue } from '../../shared/contract.js';
import { formattersFor, type Formatters } from '../../shared/format/index.js';
import type { CliHelpTopic } from '../../shared/locales/keys.js';
import { localeFromTag, type Locale } from '../../shared/locales/locale.js';
import { createTranslator } from '../../shared/locales/translator.js';
import type { Translate } from '../../shared/locales/wording.js';
import { issueWording } from '../../shared/problems.js';

/** The CLI's voice in one language: catalogue messages and the Intl formatters that go with them. */
export interface Words {
  locale: Locale;
  t: Translate;
  f: Formatters;
}

export function wordsFor(locale: Locale): Words {
  return { locale, t: createTranslator(locale), f: formattersFor(locale) };
}

/** The environment's language, as POSIX orders the variables: LC_ALL, then LC_MESSAGES, then LANG; English without any. */
export function environmentLocale(env: NodeJS.ProcessEnv): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value) return localeFromTag(value);
  }
  return 'en';
}

/** A help page with its shared sections (broker and drill options, common options, exit codes) filled in. */
export function helpText({ t }: Words, topic: CliHelpTopic): string {
  return t(`cli.help.${topic}`, {
    brokerOptions: t('cli.help.brokerOptions'),
    drillOptions: t('cli.help.drillOptions'),
    commonOptions: t('cli.help.commonOptions'),
    exitCodes: t('cli.help.exitCodes'),
  });
}

/** A catalogue message not yet worded; its values may be phrases themselves. */
export interface Phrase {
  key: string;
  values?: Record<string, unknown>;
}

export const phrase = (key: string, values?: Record<string, unknown>): Phrase => ({ key, ...(values ? { values } : {}) });

function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && typeof (value as Phrase).key === 'string';
}

/** Words a phrase, and the phrases among its values first; text that is already words passes through. */
export function say(words: Words, what: Phrase | string): string {
  if (typeof what === 'string') return what;
  const values = Object.fromEntries(Object.entries(what.values ?? {}).map(([name, value]) => [name, isPhrase(value) ? say(words, value) : value]));
  return words.t(what.key, values);
}

/**
 * A failure whose message is a phrase, worded where it is shown (the
 * language is known there, not where it is thrown). `message` holds the key,
 * for stack traces.
 */
export class WordedError extends Error {
  constructor(readonly phrase: Phrase) {
    super(phrase.key);
    this.name = 'WordedError';
  }
}

/** What is wrong with one schema issue, in the catalogue's words when it has them, else in the service's. */
export function issuePhrase(issue: Pick<ServiceIssue, 'code' | 'params' | 'message'>): Phrase | string {
  const wording = issueWording(issue);
  return wording ? phrase(wording.key, wording.values) : issue.message;
}

/** A byte rate: 100 kB/s. */
export function byteRate({ t, f }: Words, bytesPerSec: number): string {
  return t('charts.perSecond', { rate: f.bytes(bytesPerSec) });
}
