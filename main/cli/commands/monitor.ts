// `mqtt-gauge monitor`: the client's health, live, then what happened.
import type { DiagnosticsExport } from '../../../shared/contract.js';
import { summarizeBundle } from '../../../shared/diagnostics/index.js';
import type { Alert, Sample } from '../../../shared/domain.js';
import { alertText, summaryLines } from '../../../shared/locales/wording.js';
import { flag, integerOption, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { connectHeadless, DRILL_OPTIONS, drillPlan, reportUnreachable, runFor, startDrills } from '../headless.js';
import { jsonLine, StatusLine, type Io } from '../io.js';
import { helpText, type Words } from '../messages.js';
import { progressText, statusText } from '../status.js';
import { BROKER_OPTIONS, resolveTarget } from '../target.js';

/** How often the status line is redrawn on a terminal; elsewhere it is once a second. */
const LIVE_REDRAW_MS = 250;

export async function monitor(args: string[], io: Io, w: Words): Promise<number> {
  const { t, f } = w;
  const { values } = parse(args, { ...BROKER_OPTIONS, ...DRILL_OPTIONS, seconds: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(`${helpText(w, 'monitor')}\n`);
    return EXIT.ok;
  }
  const seconds = integerOption(values, 'seconds', 1, 31_536_000) ?? null;
  const json = flag(values, 'json');
  const target = resolveTarget(values, io.env);
  const plan = drillPlan(values);

  const lines = new StatusLine(json ? io.stderr : io.stdout);
  if (!json) lines.print(t('cli.connecting', { target: target.builtIn ? t('cli.builtInName') : target.profile.host }));
  const headless = await connectHeadless(target, io, w);
  const { service } = headless;
  try {
    if (!headless.connected) {
      reportUnreachable(io, lines, json, w, headless);
      return EXIT.unreachable;
    }
    if (json) jsonLine(io.stdout, { type: 'connected', target: headless.target, builtInBroker: target.builtIn, t: Date.now() });
    else lines.print(t('cli.connected', { target: headless.target }));

    const startedAt = Date.now();
    let latest: Sample | null = null;
    let drawnAt = 0;
    const progress = () => progressText(w, Math.floor((Date.now() - startedAt) / 1000), seconds);
    const stopSamples = service.on('sample', (sample) => {
      latest = sample;
      const now = Date.now();
      if (now - drawnAt < (!json && lines.live ? LIVE_REDRAW_MS : 1000)) return;
      drawnAt = now;
      if (json) jsonLine(io.stdout, { type: 'status', elapsedSec: Math.floor((now - startedAt) / 1000), sample });
      else lines.update(statusText(w, sample, progress()));
    });
    let active = new Map<Alert['id'], Alert>();
    // The alerts event also fires when an alert's numbers move: only raises and clears are reported here.
    const stopAlerts = service.on('alerts', (alerts) => {
      const now = new Map(alerts.map((alert) => [alert.id, alert]));
      for (const alert of alerts) if (!active.has(alert.id)) report('raised', alert);
      for (const [id, alert] of active) if (!now.has(id)) report('cleared', alert);
      active = now;
    });
    function report(phase: 'raised' | 'cleared', alert: Alert) {
      if (json) jsonLine(io.stdout, { type: 'alert', phase, alert });
      else lines.print(phase === 'raised' ? t('cli.alertRaised', { message: alertText(alert, t, f) }) : t('cli.alertCleared', { alert: t(`alertTitle.${alert.id}`) }));
    }

    const endDrills = await startDrills(headless, plan, lines, w);
    await runFor(seconds, io, lines, w);
    await endDrills();
    stopSamples();
    stopAlerts();
    if (!json && latest) lines.update(statusText(w, latest, progress()));
    lines.end();

    const exported = await service.handle('exportDiagnostics', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const bundle = (exported.value as DiagnosticsExport).bundle;
    const summary = summarizeBundle(bundle);
    const text = summaryLines(summary, t, f);
    if (json) jsonLine(io.stdout, { type: 'summary', connected: true, seconds: Math.round((Date.now() - startedAt) / 1000), summary, text });
    else io.stdout.write(`${t('cli.summaryTitle')}\n${text.map((line) => `  ${line}`).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await headless.stop();
  }
}
