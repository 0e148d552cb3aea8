// The app's own catalogues, so that page objects find controls by the words
// a person reads, in whichever language the story is told.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Language = 'en' | 'zh-CN';

const localesDir = join(dirname(fileURLToPath(import.meta.url)), '../../shared/locales');

type Catalogue = { [key: string]: string | Catalogue };

const catalogues = new Map<Language, Catalogue>();

function catalogue(language: Language): Catalogue {
  let found = catalogues.get(language);
  if (!found) {
    found = JSON.parse(readFileSync(join(localesDir, `${language}.json`), 'utf8')) as Catalogue;
    catalogues.set(language, found);
  }
  return found;
}

/**
 * The words of the language the UI shows now. One instance is shared by a
 * dashboard and its panels, so switching the language switches them all.
 */
export class Words {
  constructor(public language: Language = 'en') {}

  /** The plain label under a dotted catalogue key (labels only: no placeholders are filled). */
  t(key: string): string {
    let node: string | Catalogue | undefined = catalogue(this.language);
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no label "${key}" in the ${this.language} catalogue`);
    return node;
  }
}
