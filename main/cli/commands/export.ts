// `mqtt-gauge export`: record for a while (or ask a running web mode) and
// write a diagnostics bundle.
import type { DiagnosticsExport } from '../../../shared/contract.js';
import { describeBundle, summarizeBundle, type DiagnosticsBundle } from '../../../shared/diagnostics/index.js';
import { flag, integerOption, parse, stringOption, UsageError } from '../args.js';
import { wantsGzip, writeBundleFile } from '../bundle-file.js';
import { EXIT } from '../exit-codes.js';
import { connectHeadless, DRILL_OPTIONS, drillPlan, runFor, startDrills } from '../headless.js';
import { jsonLine, StatusLine, type Io } from '../io.js';
import { HELP, MSG } from '../messages.js';
import { openRemote } from '../remote.js';
import { BROKER_OPTIONS, brokerOptionsGiven, resolveTarget } from '../target.js';

export async function exportBundle(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    ...BROKER_OPTIONS,
    ...DRILL_OPTIONS,
    out: { type: 'string' },
    seconds: { type: 'string' },
    'include-username': { type: 'boolean' },
    gzip: { type: 'boolean' },
    from: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(`${HELP.export}\n`);
    return EXIT.ok;
  }
  const out = stringOption(values, 'out');
  if (!out) throw new UsageError(MSG.required('--out'));
  const json = flag(values, 'json');
  const gzip = wantsGzip(out, flag(values, 'gzip'));
  const includeUsername = flag(values, 'include-username');
  const seconds = integerOption(values, 'seconds', 1, 86_400) ?? 10;
  const from = stringOption(values, 'from');
  const lines = new StatusLine(json ? io.stderr : io.stdout);

  let bundle: DiagnosticsBundle;
  let connected = true;
  if (from !== undefined) {
    if (brokerOptionsGiven(values) || Object.keys(DRILL_OPTIONS).some((name) => values[name] !== undefined) || values.seconds !== undefined) {
      throw new UsageError(MSG.brokerOptionsWithFrom);
    }
    const remote = await openRemote(from);
    try {
      const result = await remote.api.exportDiagnostics({ includeUsername });
      if (!result.ok) throw new Error(MSG.remoteRefused(result.error.message));
      bundle = result.value.bundle;
    } finally {
      remote.close();
    }
  } else {
    const target = resolveTarget(values, io.env);
    const plan = drillPlan(values);
    const headless = await connectHeadless(target, io);
    try {
      connected = headless.connected;
      if (connected) {
        if (!json) lines.print(MSG.connected(headless.target));
      } else lines.print(MSG.notConnected(headless.target, headless.error ?? ''));
      const endDrills = connected ? await startDrills(headless, plan, lines) : async () => {};
      if (!json) lines.print(MSG.recording(seconds));
      await runFor(seconds, io, lines);
      await endDrills();
      const result = await headless.service.handle('exportDiagnostics', { includeUsername });
      if (!result.ok) throw new Error(result.error.message);
      bundle = (result.value as DiagnosticsExport).bundle;
    } finally {
      await headless.stop();
    }
  }

  let bytes: number;
  try {
    bytes = await writeBundleFile(out, bundle, gzip);
  } catch (error) {
    const message = MSG.cannotWrite(out, (error as Error).message);
    if (json) jsonLine(io.stdout, { type: 'error', error: { code: 'write-failed', message } });
    else lines.print(message);
    return EXIT.failed;
  }
  const text = describeBundle(bundle);
  if (json) jsonLine(io.stdout, { type: 'export', file: out, bytes, gzip, connected, summary: summarizeBundle(bundle), text });
  else {
    io.stdout.write(`${MSG.exportWritten(out, bytes)}\n${MSG.summaryTitle}\n${text.map((line) => `  ${line}`).join('\n')}\n`);
    if (!connected) io.stdout.write(`${MSG.exportWrittenAnyway}\n`);
  }
  return connected ? EXIT.ok : EXIT.unreachable;
}
