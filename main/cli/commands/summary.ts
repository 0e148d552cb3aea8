// `mqtt-gauge summary FILE`: what happened in a diagnostics bundle.
import { describeBundle, parseBundle, summarizeBundle } from '../../../shared/diagnostics/index.js';
import { flag, parse, UsageError } from '../args.js';
import { readBundleText } from '../bundle-file.js';
import { EXIT } from '../exit-codes.js';
import { jsonLine, type Io } from '../io.js';
import { HELP, MSG } from '../messages.js';

export async function summary(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1);
  if (values.help) {
    io.stdout.write(`${HELP.summary}\n`);
    return EXIT.ok;
  }
  const file = positionals[0];
  if (!file) throw new UsageError(MSG.required('FILE'));
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
    return fail('read-failed', MSG.cannotRead(file, (error as Error).message));
  }
  const parsed = parseBundle(text);
  if (!parsed.ok) return fail(parsed.problem, MSG.bundleInvalid(file, parsed.error));
  const lines = describeBundle(parsed.bundle);
  if (json) jsonLine(io.stdout, { type: 'summary', file, summary: summarizeBundle(parsed.bundle), text: lines });
  else io.stdout.write(`${MSG.summaryTitle}\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  return EXIT.ok;
}
