// Reads Prometheus's text format back into numbers, so the tests of /metrics assert values, not strings.

/** Exposition text as { name → { type, help, samples: labels → value } }. */
export function parseExposition(text: string) {
  const metrics = new Map<string, { type?: string; help?: string; samples: Map<string, number> }>();
  const metric = (name: string) => metrics.get(name) ?? metrics.set(name, { samples: new Map() }).get(name)!;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = line.match(/^# (HELP|TYPE) (\w+) (.*)$/);
    if (meta) {
      if (meta[1] === 'HELP') metric(meta[2]!).help = meta[3];
      else metric(meta[2]!).type = meta[3];
      continue;
    }
    const sample = line.match(/^(\w+)(\{[^}]*\})? (\S+)$/);
    if (!sample) throw new Error(`not a line of the text format: ${line}`);
    metric(sample[1]!).samples.set(sample[2] ?? '', Number(sample[3]));
  }
  return metrics;
}
