// `mqtt-gauge inspect`: a transparent proxy in front of a broker; clients pointed at it are forwarded unchanged and watched.
import type { InspectClient, InspectVerdict } from '../../../shared/inspect.js';
import { inspectVerdictText } from '../../../shared/locales/wording.js';
import { DEFAULT_LISTEN_PORT, InspectError, InspectProxy, type Upstream } from '../../inspect/index.js';
import { flag, integerOption, parse, stringOption, UsageError, type Values } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { jsonLine, StatusLine, type Io } from '../io.js';
import { helpText, type Words } from '../messages.js';
import { runFor } from '../headless.js';
import { resolveTarget } from '../target.js';

const OPTIONS = {
  listen: { type: 'string' },
  upstream: { type: 'string' },
  every: { type: 'string' },
  seconds: { type: 'string' },
  json: { type: 'boolean' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  insecure: { type: 'boolean' },
} as const;

export async function inspect(args: string[], io: Io, w: Words): Promise<number> {
  const { t, f } = w;
  const { values } = parse(args, OPTIONS);
  if (values.help) {
    io.stdout.write(`${helpText(w, 'inspect')}\n`);
    return EXIT.ok;
  }
  const upstream = upstreamFrom(values, io.env);
  const listen = listenFrom(stringOption(values, 'listen'));
  const everySec = integerOption(values, 'every', 1, 3600) ?? 1;
  const seconds = integerOption(values, 'seconds', 1, 31_536_000) ?? null;
  const json = flag(values, 'json');

  let proxy: InspectProxy;
  try {
    proxy = await InspectProxy.start({ upstream, listenHost: listen.host, listenPort: listen.port });
  } catch (error) {
    if (!(error instanceof InspectError)) throw error;
    if (json) jsonLine(io.stdout, { type: 'error', error: { code: error.code, message: error.message } });
    else io.stderr.write(`${t('cli.inspect.failed', { why: error.message })}\n`);
    return error.code === 'port-in-use' || error.code === 'bad-listen' ? EXIT.failed : EXIT.usage;
  }
  const { host, port } = proxy.address;
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const lines = new StatusLine(json ? io.stderr : io.stdout);
  if (json) jsonLine(io.stdout, { type: 'listening', listen: address, upstream: proxy.upstreamText, t: Date.now() });
  else lines.print(t('cli.inspect.listening', { listen: address, upstream: proxy.upstreamText, url: `mqtt://${address}` }));

  const name = (c: Pick<InspectClient, 'connection' | 'identity'>) => t('cli.inspect.client', { connection: c.connection, clientId: c.identity.clientId ?? '?' });
  const stopChanges = proxy.onChange((change) => {
    const client = proxy.client(change.connection);
    if (!client) return;
    if (change.kind === 'closed') {
      if (json) jsonLine(io.stdout, { type: 'closed', client });
      else lines.print(t('cli.inspect.closed', { client: name(client), reason: client.ending?.reason ?? '' }));
      return;
    }
    if (change.kind !== 'verdicts' || !change.verdicts) return;
    const report = (phase: 'raised' | 'cleared', verdict: InspectVerdict) => {
      if (json) jsonLine(io.stdout, { type: 'verdict', phase, connection: client.connection, clientId: client.identity.clientId, verdict });
      else if (phase === 'raised') lines.print(t('cli.inspect.verdictRaised', { client: name(client), message: inspectVerdictText(verdict, t, f) }));
      else lines.print(t('cli.inspect.verdictCleared', { client: name(client), verdict: t(`inspectVerdictTitle.${verdict.id}`) }));
    };
    change.verdicts.raised.forEach((v) => report('raised', v));
    change.verdicts.cleared.forEach((v) => report('cleared', v));
  });
  const periodic = setInterval(() => {
    const open = proxy.clients().filter((c) => c.closedAt === null);
    if (json) {
      jsonLine(io.stdout, { type: 'status', t: Date.now(), clients: open });
      return;
    }
    if (open.length === 0) lines.print(t('cli.inspect.noClients', { url: `mqtt://${address}` }));
    for (const c of open) lines.print(statusLine(c, w));
  }, everySec * 1000);

  try {
    await runFor(seconds, io, lines, w);
  } finally {
    clearInterval(periodic);
    stopChanges();
    const all = proxy.clients();
    await proxy.stop();
    if (json) jsonLine(io.stdout, { type: 'summary', clients: all, counters: proxy.counters });
    else {
      lines.print(t('cli.inspect.summary', { connections: all.length, overLimit: proxy.counters.overLimit, upstreamFailures: proxy.counters.upstreamFailures }));
      for (const c of all) lines.print(`  ${totalsLine(c, w)}`);
    }
    lines.end();
  }
  return EXIT.ok;
}

/** One client's state in a line: rates, in flight against the broker's limit, unread time, silence. */
function statusLine(c: InspectClient, { t, f }: Words): string {
  const s = c.latest;
  return t('cli.inspect.status', {
    connection: c.connection,
    clientId: c.identity.clientId ?? '?',
    state: s.state,
    publishRate: f.decimal(s.publishRate),
    deliveryRate: f.decimal(s.deliveryRate),
    inflight: s.inflight,
    limit: s.inflightLimit === null ? '?' : f.count(s.inflightLimit),
    brokerAck: f.latency(s.brokerAckP50Ms),
    unread: f.duration(s.unreadMs),
    silent: f.duration(s.sinceClientPacketMs),
    verdicts: c.verdicts.length,
  });
}

function totalsLine(c: InspectClient, { t, f }: Words): string {
  const p = c.totals.publishes;
  const d = c.totals.deliveries;
  return t('cli.inspect.totals', {
    connection: c.connection,
    clientId: c.identity.clientId ?? '?',
    published: f.count(p[0] + p[1] + p[2]),
    delivered: f.count(d[0] + d[1] + d[2]),
    up: f.bytes(c.totals.bytesUp),
    down: f.bytes(c.totals.bytesDown),
    ending: c.ending?.reason ?? c.latest.state,
  });
}

/** The broker to forward to, from --upstream URL (and the TLS files): required, since there is no one else's traffic to watch without it. */
function upstreamFrom(values: Values, env: NodeJS.ProcessEnv): Upstream {
  const url = stringOption(values, 'upstream');
  if (url === undefined) throw new UsageError('cli.error.required', { option: '--upstream' });
  let profile;
  try {
    ({ profile } = resolveTarget({ url, ca: values.ca, cert: values.cert, key: values.key, insecure: values.insecure }, env));
  } catch (error) {
    // The shared parser names --url; here the option is --upstream.
    if (error instanceof UsageError && error.phrase.key === 'cli.error.badUrl') throw new UsageError('cli.error.badUpstream', { url });
    throw error;
  }
  return { host: profile.host, port: profile.port, transport: profile.transport, wsPath: profile.wsPath, tls: profile.tls };
}

/** --listen HOST:PORT, [IPv6]:PORT or PORT; loopback is enforced by the proxy itself. */
function listenFrom(raw: string | undefined): { host: string; port: number } {
  if (raw === undefined) return { host: '127.0.0.1', port: DEFAULT_LISTEN_PORT };
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(raw) ?? /^()()(\d+)$/.exec(raw);
  if (!match) throw new UsageError('cli.error.badListen', { value: raw });
  const port = Number(match[3]);
  if (port > 65_535) throw new UsageError('cli.error.outOfRange', { option: '--listen', min: 0, max: 65_535 });
  return { host: match[1] || match[2] || '127.0.0.1', port };
}
