// `mqtt-gauge web`: web mode without a window, for a remote box.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runWebMode } from '../../web/launch.js';
import { flag, integerOption, parse, stringOption } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { jsonLine, type Io } from '../io.js';
import { helpText, type Words } from '../messages.js';
import { appVersion } from '../version.js';

export async function web(args: string[], io: Io, w: Words): Promise<number> {
  const { t } = w;
  const { values } = parse(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
    'data-dir': { type: 'string' },
    'remember-passwords': { type: 'boolean' },
    'metrics-token': { type: 'string' },
    'no-connect': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(`${helpText(w, 'web')}\n`);
    return EXIT.ok;
  }
  const port = integerOption(values, 'port', 0, 65_535) ?? 8090;
  const json = flag(values, 'json');
  const staticDir = rendererDir();
  if (!existsSync(`${staticDir}/index.html`)) io.stderr.write(`${t('cli.web.noUi', { dir: staticDir })}\n`);
  const say = (line: string) => io.stderr.write(`${line}\n`);
  let running;
  try {
    running = await runWebMode({
      staticDir,
      version: appVersion(),
      host: stringOption(values, 'host') ?? '127.0.0.1',
      port,
      open: !flag(values, 'no-open'),
      ...(stringOption(values, 'data-dir') !== undefined ? { dataDir: stringOption(values, 'data-dir') } : {}),
      rememberPasswords: flag(values, 'remember-passwords'),
      metricsToken: stringOption(values, 'metrics-token') ?? io.env.MQTT_GAUGE_METRICS_TOKEN,
      autoConnect: !flag(values, 'no-connect'),
      // The URL is printed below, on stdout, where a script looks for it.
      log: (line) => (line.startsWith('MQTT Gauge web mode:') ? undefined : say(line)),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'EADDRINUSE' ? t('cli.web.portTaken', { port: String(port) }) : t('cli.web.failed', { why: (error as Error).message });
    if (json) jsonLine(io.stdout, { type: 'error', error: { code: code ?? 'failed', message } });
    else io.stderr.write(`${message}\n`);
    return EXIT.failed;
  }
  const { server } = running;
  if (json) jsonLine(io.stdout, { type: 'web', url: server.url, metricsUrl: server.metricsUrl, token: server.token, port: server.port });
  else io.stdout.write(`${t('cli.web.listening', { url: server.url })}\n${t('cli.web.metrics', { url: server.metricsUrl })}\n${t('cli.web.stopHint')}\n`);
  await new Promise<void>((resolve) => {
    const stop = io.onInterrupt(() => {
      stop();
      resolve();
    });
  });
  await running.stop();
  return EXIT.ok;
}

/** The built dashboard: dist/renderer, next to the bundle's folder or under the repository when run from source. */
function rendererDir(): string {
  const candidates = [new URL('../renderer', import.meta.url), new URL('../../../dist/renderer', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((dir) => existsSync(`${dir}/index.html`)) ?? candidates[candidates.length - 1]!;
}
