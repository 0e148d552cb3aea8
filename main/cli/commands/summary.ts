// `mqtt-gauge summary FILE`: what happened in a diagnostics bundle.
import { parseBundle, summarizeBundle } from '../../../shared/diagnostics/index.js';
import { bundleErrorText, summaryLines } from '../../../shared/locales/wording.js';
import { flag, parse, UsageError } from '../args.js';
import { readBundleText } from '../bundle-file.js';
import { EXIT } from '../exit-codes.js';
import { jsonLine, type Io } from '../io.js';
import { helpText, type Words } from '../messages.js';

export async function summary(args: string[], io: Io, w: Words): Promise<number> {
  const { t, f } = w;
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1);
  if (values.help) {
    io.stdout.write(`${helpText(w, 'summary')}\n`);
    return EXIT.ok;
  }
  const file = positionals[0];
  if (!file) throw new UsageError('cli.error.required', { option: 'FILE' });
  const json = flag(values, 'json');
  const fail = (code: string, message: string) => {
    if (json) jsonLine(io.stdout, { type: 'error', error: { code, message } });
    else io.stderr.write(`${message}\n`);
    return EXIT.failed;
  };
  let text: string;
  try {
    text = await readBundleText(file);
  } catch (error) {
    return fail('read-failed', t('cli.error.cannotRead', { file, why: (error as Error).message }));
  }
  const parsed = parseBundle(text);
  if (!parsed.ok) return fail(parsed.problem, t('cli.bundleInvalid', { file, why: bundleErrorText(parsed.problem, parsed.params, t) }));
  const items = summarizeBundle(parsed.bundle);
  const lines = summaryLines(items, t, f);
  if (json) jsonLine(io.stdout, { type: 'summary', file, summary: items, text: lines });
  else io.stdout.write(`${t('cli.summaryTitle')}\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  return EXIT.ok;
}
