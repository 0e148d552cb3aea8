// `mqtt-gauge drill`: switch a fault drill on a running web mode, live.
import type { FaultState } from '../../../shared/domain.js';
import type { FaultCommand } from '../../../shared/schemas.js';
import { flag, integerValue, parse, stringOption, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { jsonLine, type Io } from '../io.js';
import { byteRate, helpText, type Words } from '../messages.js';
import { openRemote } from '../remote.js';

export async function drill(args: string[], io: Io, w: Words): Promise<number> {
  const { t } = w;
  const { values, positionals } = parse(args, { url: { type: 'string' }, json: { type: 'boolean' } }, 2);
  if (values.help) {
    io.stdout.write(`${helpText(w, 'drill')}\n`);
    return EXIT.ok;
  }
  const command = drillCommand(positionals[0], positionals[1]);
  const url = stringOption(values, 'url') ?? io.env.MQTT_GAUGE_URL;
  if (!url) throw new UsageError('cli.remote.needsUrl');
  const json = flag(values, 'json');
  const remote = await openRemote(url);
  try {
    const result = await remote.api.setFault(command);
    if (!result.ok) {
      if (json) jsonLine(io.stdout, { type: 'error', error: result.error });
      else io.stderr.write(`${t('cli.drillRefused', { why: result.error.message })}\n`);
      return EXIT.failed;
    }
    if (json) jsonLine(io.stdout, { type: 'drill', faults: result.value });
    else {
      const drills = describeFaults(w, result.value);
      io.stdout.write(`${t('cli.drill.state', { count: drills.length, list: w.f.list(drills) })}\n`);
    }
    return EXIT.ok;
  } finally {
    remote.close();
  }
}

function drillCommand(name: string | undefined, value: string | undefined): FaultCommand {
  switch (name) {
    case 'throttle':
      if (value === undefined) throw new UsageError('cli.drill.needsBytes');
      return { kind: 'throttle', bytesPerSec: value === 'off' ? null : integerValue('throttle', value, 1, 1_000_000_000) };
    case 'stall':
      if (value === undefined) throw new UsageError('cli.drill.needsSeconds');
      return { kind: 'stall-socket', seconds: integerValue('stall', value, 1, 3600) };
    case 'drop':
      if (value !== undefined) throw new UsageError('cli.error.unexpectedArgument', { value });
      return { kind: 'drop-connection' };
    case 'slow-poll':
      if (value === undefined) throw new UsageError('cli.drill.needsMs');
      return { kind: 'slow-poll', delayMs: value === 'off' ? 0 : integerValue('slow-poll', value, 0, 60_000) };
    default:
      throw new UsageError('cli.drill.unknown', { name: name ?? '' });
  }
}

function describeFaults(w: Words, faults: FaultState): string[] {
  const { t, f } = w;
  const parts: string[] = [];
  if (faults.throttleBytesPerSec !== null) parts.push(t('cli.what.throttle', { rate: byteRate(w, faults.throttleBytesPerSec) }));
  if (faults.stalledUntil !== null) parts.push(t('cli.what.stall', { duration: f.seconds(Math.max(0, Math.round((faults.stalledUntil - Date.now()) / 1000))) }));
  if (faults.pollDelayMs > 0) parts.push(t('cli.what.slowPoll', { delay: f.duration(faults.pollDelayMs) }));
  return parts;
}
