// A service without a window, connected to one broker: what monitor, bench
// and export run on. Nothing is read from or written to the data folder.
import type { ConnectOutcome, Result } from '../../shared/contract.js';
import type { ErrorInfo } from '../../shared/domain.js';
import { connectErrorText } from '../../shared/locales/wording.js';
import type { FaultCommand } from '../../shared/schemas.js';
import { GaugeService } from '../service/index.js';
import { flag, integerOption, type OptionSpec, type Values } from './args.js';
import { type Io, jsonLine, StatusLine } from './io.js';
import { byteRate, type Words } from './messages.js';
import { describeTarget, type Target } from './target.js';
import { appVersion } from './version.js';

/** The drill options monitor and export share. */
export const DRILL_OPTIONS: OptionSpec = {
  throttle: { type: 'string' },
  'slow-poll': { type: 'string' },
  stall: { type: 'string' },
  drop: { type: 'boolean' },
  pause: { type: 'string' },
  load: { type: 'string' },
};

/** A connected (or not) headless service. */
export interface Headless {
  service: GaugeService;
  /** mqtt://host:port as a person would write it, with the port actually used. */
  target: string;
  connected: boolean;
  /** Why the first attempt failed, when it did: the engine's or the service's own (English) words. */
  error: string | null;
  /** The engine's error, when the attempt failed on the network or at the broker. */
  errorInfo: ErrorInfo | null;
  stop(): Promise<void>;
}

/** Starts a service in memory and makes the first connection attempt. */
export async function connectHeadless(target: Target, io: Io, w: Words): Promise<Headless> {
  const service = new GaugeService({ version: appVersion(), dataDir: null, autoConnect: false });
  await service.start();
  const result = (await service.handle('connect', { profile: target.profile })) as Result<ConnectOutcome>;
  const snapshot = service.snapshotNow();
  const port = target.builtIn ? (snapshot.builtInBroker.port ?? target.profile.port) : target.profile.port;
  const described = describeTarget(target.builtIn ? { ...target.profile, host: '127.0.0.1' } : target.profile, port);
  if (target.builtIn && result.ok) {
    // What it cannot do, short; the last limit (use a real broker) is what the message ends with.
    const limits = snapshot.builtInBroker.limits.filter((id) => id !== 'realBroker').map((id) => w.t(`builtIn.short.${id}`));
    io.stderr.write(`${w.t('cli.builtIn', { address: `127.0.0.1:${port}`, limits: w.f.list(limits) })}\n`);
  }
  const errorInfo = result.ok && !result.value.connected ? result.value.error : null;
  const error = !result.ok ? result.error.message : result.value.connected ? null : (errorInfo?.message ?? w.t('cli.noAnswer'));
  return { service, target: described, connected: error === null, error, errorInfo, stop: () => service.stop() };
}

/** Why the first attempt failed, for a person: the engine's own words, then what to check, in the reader's language. */
export function notConnectedText(w: Words, headless: Headless): string {
  const line = w.t('cli.notConnected', { target: headless.target, detail: headless.error ?? '' });
  return headless.errorInfo ? `${line}\n${connectErrorText(headless.errorInfo, w.t)}` : line;
}

/** Tells a script (`--json`) or a person that the first connection failed; the caller exits with EXIT.unreachable. */
export function reportUnreachable(io: Io, lines: StatusLine, json: boolean, w: Words, headless: Headless): void {
  if (json) jsonLine(io.stdout, { type: 'error', error: { code: 'unreachable', message: headless.error } });
  else lines.print(notConnectedText(w, headless));
}

/** What the drill flags ask for, checked before anything connects. */
export interface DrillPlan {
  throttle?: number;
  slowPoll?: number;
  stall?: number;
  drop: boolean;
  pause?: number;
  load?: number;
}

export function drillPlan(values: Values): DrillPlan {
  return {
    throttle: integerOption(values, 'throttle', 1, 1_000_000_000),
    slowPoll: integerOption(values, 'slow-poll', 0, 60_000),
    stall: integerOption(values, 'stall', 1, 3600),
    drop: flag(values, 'drop'),
    pause: integerOption(values, 'pause', 1, 86_400),
    load: integerOption(values, 'load', 1, 1_000_000),
  };
}

/**
 * Starts the load and switches the drills on; returns a function that ends
 * what is still running (the load, a pause whose time has not come).
 */
export async function startDrills(headless: Headless, plan: DrillPlan, lines: StatusLine | null, w: Words): Promise<() => Promise<void>> {
  const { service } = headless;
  const { t, f } = w;
  const say = (text: string) => lines?.print(text);
  const fault = async (command: FaultCommand, what: string) => {
    const result = await service.handle('setFault', command);
    say(result.ok ? t('cli.drillOn', { what }) : t('cli.drillRefused', { why: result.error.message }));
  };
  if (plan.load !== undefined) await service.handle('startLoad', { rate: plan.load, burst: Math.max(1, Math.round(plan.load / 100)), mode: 'tryPublish', qos: 0, payloadSize: 64 });
  if (plan.throttle !== undefined) await fault({ kind: 'throttle', bytesPerSec: plan.throttle }, t('cli.what.throttle', { rate: byteRate(w, plan.throttle) }));
  if (plan.slowPoll !== undefined) await fault({ kind: 'slow-poll', delayMs: plan.slowPoll }, t('cli.what.slowPoll', { delay: f.duration(plan.slowPoll) }));
  if (plan.stall !== undefined) await fault({ kind: 'stall-socket', seconds: plan.stall }, t('cli.what.stall', { duration: f.seconds(plan.stall) }));
  if (plan.drop) await fault({ kind: 'drop-connection' }, t('cli.what.drop'));
  let resume: NodeJS.Timeout | null = null;
  if (plan.pause !== undefined) {
    await service.handle('pauseLoop', {});
    say(t('cli.drillOn', { what: t('cli.what.pause', { duration: f.seconds(plan.pause) }) }));
    resume = setTimeout(() => {
      resume = null;
      void service.handle('resumeLoop', {}).then(() => say(t('cli.drillOff', { what: t('cli.what.resumed') })));
    }, plan.pause * 1000);
  }
  return async () => {
    if (resume) {
      clearTimeout(resume);
      await service.handle('resumeLoop', {});
    }
    await service.handle('stopLoad', {});
  };
}

/** Resolves after `seconds` (never, when null) or on Ctrl-C, whichever comes first. */
export function runFor(seconds: number | null, io: Io, lines: StatusLine | null, w: Words): Promise<'time' | 'interrupted'> {
  return new Promise((resolve) => {
    const timer = seconds === null ? null : setTimeout(() => done('time'), seconds * 1000);
    const stopListening = io.onInterrupt(() => {
      lines?.print(w.t('cli.stopping'));
      done('interrupted');
    });
    function done(why: 'time' | 'interrupted') {
      if (timer) clearTimeout(timer);
      stopListening();
      resolve(why);
    }
  });
}
