// Every string the CLI shows a person, in one place: English for now; the
// i18n pass moves them to catalogues. Machine output (--json) is not here:
// its field names are an interface, not text.

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const ms = (value: number | null) => (value === null ? '–' : value < 10 ? `${n(value, 2)} ms` : `${n(value, 0)} ms`);

const BROKER_OPTIONS = `Broker (with none of these, the built-in test broker is started and used):
  --url URL              mqtt://host:port, mqtts://host:port, ws://host:port/path or wss://…
                         (user:password@ in the URL works too)
  --host HOST            the broker's host (port 1883 unless --port)
  --port PORT
  --transport T          tcp, tls, ws or wss (default tcp, or what --url says)
  --mqtt-version V       4 (MQTT 3.1.1) or 5 (default 4)
  --client-id ID
  --username NAME
  --password SECRET      better: the MQTT_GAUGE_PASSWORD environment variable, which
                         keeps it out of the process list
  --keepalive SECONDS    (default 30)
  --ca FILE, --cert FILE, --key FILE
                         PEM files for TLS
  --insecure             do not verify the broker's TLS certificate

Channel:
  --capacity N           the request channel's capacity (default 1000)
  --policy P             block, drop-oldest or drop-newest (default block)
  --inflight N           the in-flight window for QoS 1/2 (default 100)`;

const DRILL_OPTIONS = `Fault drills (real faults in the client, switched on once it is connected):
  --throttle BYTES       limit writes to BYTES per second
  --slow-poll MS         wait MS before each poll of the event loop
  --stall SECONDS        stall the socket: no reads, no writes, no pings
  --drop                 drop the connection once (it reconnects)
  --pause SECONDS        pause the event loop`;

const EXIT_CODES = `Exit codes:
  0  done
  1  usage error: nothing was done
  2  the broker (or the web mode asked for) could not be reached
  3  it ran but failed: a file, a bundle, a refused drill, or the connection lost mid-run`;

export const HELP = {
  main: `Usage: mqtt-gauge <command> [options]

See and tune the pressure inside an MQTT client: its bounded request channel,
event loop and in-flight window.

Commands:
  monitor   connect and show the client's health live, then what happened
  bench     run the load generator and print what got through
  web       start web mode (the dashboard in a browser) without a window
  export    connect, record for a while, and write a diagnostics bundle
  summary   say what happened in a diagnostics bundle
  drill     switch a fault drill on a running web mode

Run "mqtt-gauge <command> --help" for a command's options.

Options:
  -h, --help             show this help
  -v, --version          print the version

${EXIT_CODES}`,

  monitor: `Usage: mqtt-gauge monitor [broker options] [options]

Connects and shows the client's health live (one status line, updated in
place on a terminal), then says what happened.

Options:
  --seconds N            stop after N seconds (default: run until Ctrl-C)
  --load RATE            meanwhile, publish RATE msg/s with tryPublish
                         (QoS 0, 64 bytes, topic gauge/load)
  --json                 one JSON object per line: "connected", a "status" each
                         second, each "alert", and a "summary" at the end
  -h, --help             show this help

${DRILL_OPTIONS}

${BROKER_OPTIONS}

${EXIT_CODES}`,

  bench: `Usage: mqtt-gauge bench [broker options] --rate N (--count N | --seconds N) [options]

Runs the load generator against the broker and prints what happened: sent,
accepted, failed, dropped, throughput, queue and ack latency (p50 and p99)
and reconnects.

Options:
  --rate N               messages per second (required)
  --count N              stop after N messages
  --seconds N            stop after N seconds
  --burst N              messages sent together, RATE/BURST times a second (default 1)
  --qos Q                0, 1 or 2 (default 0)
  --payload-size BYTES   (default 64)
  --mode M               tryPublish (fails at once when the channel is full) or
                         publish (waits for room); default tryPublish
  --topic TOPIC          (default gauge/load)
  --json                 print the result as one JSON object
  -h, --help             show this help

${BROKER_OPTIONS}

${EXIT_CODES}`,

  web: `Usage: mqtt-gauge web [options]

Starts web mode without a window, for a remote box: the dashboard over HTTP,
the service over a WebSocket that needs the printed token, and Prometheus
metrics at /metrics (the same token, as ?token= or "Authorization: Bearer",
or a read-only one given with --metrics-token). Runs until Ctrl-C.

Options:
  --host HOST            the address to listen on (default 127.0.0.1; any other
                         is reachable from other machines)
  --port PORT            (default 8090; 0 picks a free one)
  --no-open              do not open a browser
  --data-dir DIR         where profiles and settings live (default: the app's
                         data folder, or MQTT_GAUGE_DATA_DIR)
  --remember-passwords   keep saved passwords across restarts, in a file only
                         you can read; it is NOT encrypted
  --metrics-token TOKEN  a second token that opens /metrics and nothing else
                         (or MQTT_GAUGE_METRICS_TOKEN)
  --no-connect           do not connect to the default profile at start
  --json                 print the addresses as one JSON object
  -h, --help             show this help

${EXIT_CODES}`,

  export: `Usage: mqtt-gauge export --out FILE [broker options] [options]
       mqtt-gauge export --out FILE --from URL

Connects, records for a while and writes a diagnostics bundle (versions, OS,
the connection without its secrets, settings, samples, alerts, the event log
and the drills), then says what happened. With --from, takes the bundle of a
running web mode instead.

Options:
  --out FILE             where to write it: .json, or .json.gz to compress (required)
  --seconds N            how long to record (default 10)
  --load RATE            meanwhile, publish RATE msg/s with tryPublish
  --include-username     keep the user name (never the password, key or certificates)
  --gzip                 compress, whatever the file name says
  --from URL             a running web mode's address with its token, as
                         "mqtt-gauge web" printed it
  --json                 print the result as one JSON object
  -h, --help             show this help

${DRILL_OPTIONS}

${BROKER_OPTIONS}

${EXIT_CODES}`,

  summary: `Usage: mqtt-gauge summary FILE [--json]

Says what happened in a diagnostics bundle (.json or .json.gz): stalls of the
event loop, a full channel, failures, drops, reconnects and their reasons,
alerts and drills.

Options:
  --json                 print the summary as one JSON object
  -h, --help             show this help

${EXIT_CODES}`,

  drill: `Usage: mqtt-gauge drill --url URL <drill> [value]

Switches a fault drill live on a running web mode ("mqtt-gauge web"): a real
fault in its client, marked on its charts.

Drills:
  throttle BYTES|off     limit writes to BYTES per second, or lift the limit
  stall SECONDS          stall the socket: no reads, no writes, no pings
  drop                   drop the connection (it reconnects)
  slow-poll MS|off       wait MS before each poll, or poll at full speed again

Options:
  --url URL              the web mode's address with its token, as
                         "mqtt-gauge web" printed it (or MQTT_GAUGE_URL)
  --json                 print the drills in force as one JSON object
  -h, --help             show this help

${EXIT_CODES}`,
} as const;

export type HelpTopic = keyof typeof HELP;

/** Short lines: notices, progress, errors. */
export const MSG = {
  version: (version: string) => `mqtt-gauge ${version}`,
  usage: (problem: string, command: string | null) => `mqtt-gauge: ${problem}\nRun "mqtt-gauge ${command ? `${command} ` : ''}--help" for how to use it.`,
  unknownCommand: (name: string) => `unknown command "${name}"`,
  noCommand: 'no command given',
  unknownOption: (option: string) => `unknown option ${option}`,
  missingValue: (option: string) => `${option} needs a value`,
  notANumber: (option: string, value: string) => `${option} must be a whole number, not "${value}"`,
  outOfRange: (option: string, min: number, max: number) => `${option} must be from ${n(min)} to ${n(max)}`,
  oneOf: (option: string, choices: readonly (string | number)[]) => `${option} must be one of ${choices.join(', ')}`,
  unexpectedArgument: (value: string) => `unexpected argument "${value}"`,
  required: (option: string) => `${option} is required`,
  countOrSeconds: 'give --count or --seconds (or both) so the run ends',
  badUrl: (url: string, why: string) => `--url ${url}: ${why}`,
  badUrlScheme: 'use mqtt://, mqtts://, ws://, wss://, tcp:// or tls://',
  badUrlPort: 'the port must be from 1 to 65535',
  brokerOptionsWithFrom: '--from takes the bundle of a running web mode: broker options, drills and --load do not apply',
  badProfile: (field: string, message: string) => `the connection settings are not valid: ${field}: ${message}`,
  cannotRead: (file: string, why: string) => `cannot read ${file}: ${why}`,
  cannotWrite: (file: string, why: string) => `cannot write ${file}: ${why}`,

  builtIn: (port: number) => `No broker given: using the built-in test broker on 127.0.0.1:${port} (MQTT 3.1.1, in memory, no TLS). Give --url to use a real one.`,
  connecting: (target: string) => `Connecting to ${target} …`,
  connected: (target: string) => `Connected to ${target}.`,
  notConnected: (target: string, why: string) => `Could not connect to ${target}: ${why}`,
  lostMidRun: 'The connection was lost during the run.',
  stopping: 'Stopping … (Ctrl-C again to quit at once)',
  drillOn: (what: string) => `Drill: ${what}.`,
  drillOff: (what: string) => `Drill over: ${what}.`,
  throttleOn: (bytesPerSec: number) => `writes throttled to ${n(bytesPerSec)} B/s`,
  slowPollOn: (delayMs: number) => `a ${n(delayMs)} ms wait before each poll`,
  stallOn: (seconds: number) => `socket stalled for ${n(seconds)} s`,
  dropOn: 'connection dropped',
  pauseOn: (seconds: number) => `event loop paused for ${n(seconds)} s`,
  pauseOff: 'event loop resumed',
  drillRefused: (why: string) => `The drill was refused: ${why}`,
  alertRaised: (message: string) => `ALERT ${message}`,
  alertCleared: (message: string) => `cleared: ${message}`,

  summaryTitle: 'What happened:',
  status: (parts: {
    time: string;
    state: string;
    depth: number;
    capacity: number;
    failed: number;
    failedRate: number;
    dropped: number;
    inflight: number;
    maxInflight: number;
    sinceLastPollMs: number;
    pingRttMs: number | null;
    reconnects: number;
    faults: string[];
    progress: string | null;
  }) =>
    [
      parts.time,
      parts.state.padEnd(12),
      `depth ${n(parts.depth)}/${n(parts.capacity)}`,
      `failed ${n(parts.failed)}${parts.failedRate > 0 ? ` (+${n(parts.failedRate)}/s)` : ''}`,
      `dropped ${n(parts.dropped)}`,
      `in-flight ${n(parts.inflight)}/${n(parts.maxInflight)}`,
      parts.sinceLastPollMs >= 1000 ? `NOT POLLED for ${n(parts.sinceLastPollMs / 1000, 1)} s` : 'polled',
      `ping ${ms(parts.pingRttMs)}`,
      `reconnects ${n(parts.reconnects)}`,
      ...parts.faults,
      ...(parts.progress ? [parts.progress] : []),
    ].join('  '),
  faultThrottle: (bytesPerSec: number) => `[throttle ${n(bytesPerSec)} B/s]`,
  faultStall: '[socket stalled]',
  faultSlowPoll: (delayMs: number) => `[slow poll ${n(delayMs)} ms]`,
  faultPaused: '[loop paused]',
  progress: (elapsedSec: number, totalSec: number | null) => (totalSec === null ? `${n(elapsedSec)} s` : `${n(elapsedSec)}/${n(totalSec)} s`),
  connectionStates: { connected: 'connected', connecting: 'connecting', disconnected: 'disconnected' } as Record<string, string>,

  benchProgress: (sent: number, accepted: number, failed: number, dropped: number, progress: string) =>
    `sent ${n(sent)}  accepted ${n(accepted)}  failed ${n(failed)}  dropped ${n(dropped)}  ${progress}`,
  benchDraining: 'Waiting for what is queued and in flight to go out …',
  benchResult: (r: {
    sent: number;
    accepted: number;
    failed: number;
    dropped: number;
    durationSec: number;
    throughputPerSec: number;
    queue: { p50: number | null; p99: number | null };
    ack: { p50: number | null; p99: number | null };
    reconnects: number;
    qos: number;
  }) =>
    [
      `sent          ${n(r.sent)}`,
      `accepted      ${n(r.accepted)}`,
      `failed        ${n(r.failed)}   (tryPublish refused: the channel was full)`,
      `dropped       ${n(r.dropped)}   (by the overflow policy)`,
      `duration      ${n(r.durationSec, 2)} s`,
      `throughput    ${n(r.throughputPerSec)} msg/s written`,
      `queue latency p50 ${ms(r.queue.p50)}   p99 ${ms(r.queue.p99)}   (enqueued → written)`,
      `ack latency   ${r.qos === 0 ? 'none at QoS 0' : `p50 ${ms(r.ack.p50)}   p99 ${ms(r.ack.p99)}   (written → acknowledged)`}`,
      `reconnects    ${n(r.reconnects)}`,
    ].join('\n'),

  webListening: (url: string) => `MQTT Gauge web mode: ${url}`,
  webMetrics: (url: string) => `Prometheus metrics: ${url} (send the token as ?token= or "Authorization: Bearer")`,
  webNoUi: (dir: string) => `The dashboard is not built (${dir} is missing): run "npm run build". The API and /metrics work meanwhile.`,
  webStopHint: 'Press Ctrl-C to stop.',
  webPortTaken: (port: number) => `Port ${port} is taken: give another with --port (0 picks a free one).`,
  webFailed: (why: string) => `Web mode could not start: ${why}`,

  recording: (seconds: number) => `Recording for ${n(seconds)} s …`,
  exportWritten: (file: string, bytes: number) => `Diagnostics bundle written to ${file} (${n(bytes)} bytes).`,
  exportWrittenAnyway: 'The bundle was written anyway: it records the failed attempts.',
  remoteUnreachable: (url: string, why: string) => `Could not reach web mode at ${url}: ${why}`,
  remoteNeedsUrl: 'give the web mode address with --url (or MQTT_GAUGE_URL), as "mqtt-gauge web" printed it',
  remoteBadUrl: (url: string) => `"${url}" is not a web mode address (http://host:port/?token=…)`,
  remoteRefused: (why: string) => `Web mode refused: ${why}`,
  drillUnknown: (name: string) => `unknown drill "${name}": use throttle, stall, drop or slow-poll`,
  drillNeedsValue: (name: string, what: string) => `${name} needs ${what}`,
  drillState: (parts: string[]) => (parts.length === 0 ? 'No drill is on.' : `Drills on: ${parts.join(', ')}.`),
  bundleInvalid: (file: string, why: string) => `${file}: ${why}`,
} as const;
