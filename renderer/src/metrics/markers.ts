// Changes the person (or anyone else) made to the channel and the loop,
// drawn as vertical lines on the charts. Fed from the event log, so changes
// made elsewhere (another window, the CLI) are marked too.
import { FAULT_KINDS, type FaultKind, type LogEntry, type OverflowPolicy } from '../../../shared/domain.js';

/** One change worth a line on the charts. */
export type ChartMarker =
  | { t: number; kind: 'capacity'; from: number | null; to: number | null }
  | { t: number; kind: 'policy'; from: OverflowPolicy | null; to: OverflowPolicy | null }
  | { t: number; kind: 'inflight'; from: number | null; to: number | null }
  | { t: number; kind: 'pause' }
  | { t: number; kind: 'resume' }
  | { t: number; kind: 'drill'; drill: FaultKind; phase: 'start' | 'end' };

const MAX_MARKERS = 200;

/** Reads a marker from a log line: by its catalogue key when it has one, else by its English words. */
export function markerFromLog(entry: LogEntry): ChartMarker | null {
  const p = entry.params ?? {};
  const num = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value.replace(/[^\d.-]/g, '')) : null);
  const policy = (value: unknown) => (typeof value === 'string' ? (value as OverflowPolicy) : null);
  switch (entry.key) {
    case 'log.capacity-changed':
      return { t: entry.t, kind: 'capacity', from: num(p.from), to: num(p.to) };
    case 'log.policy-changed':
      return { t: entry.t, kind: 'policy', from: policy(p.from), to: policy(p.to) };
    case 'log.inflight-changed':
      return { t: entry.t, kind: 'inflight', from: num(p.from), to: num(p.to) };
    case 'log.loop-paused':
      return { t: entry.t, kind: 'pause' };
    case 'log.loop-resumed':
      return { t: entry.t, kind: 'resume' };
    case 'log.drill-started':
    case 'log.drill-ended': {
      const drill = (FAULT_KINDS as readonly string[]).includes(String(p.kind)) ? (p.kind as FaultKind) : null;
      return drill ? { t: entry.t, kind: 'drill', drill, phase: entry.key === 'log.drill-started' ? 'start' : 'end' } : null;
    }
    case undefined:
      break;
    default:
      return null;
  }
  // Lines without a key (older services): recognise the English wording.
  if (entry.category === 'channel') {
    const match = /^(capacity|overflow policy|in-flight window) (\S+) → (\S+)/.exec(entry.message);
    if (!match) return null;
    const [, what, from, to] = match;
    if (what === 'capacity') return { t: entry.t, kind: 'capacity', from: num(from), to: num(to) };
    if (what === 'overflow policy') return { t: entry.t, kind: 'policy', from: policy(from), to: policy(to) };
    return { t: entry.t, kind: 'inflight', from: num(from), to: num(to) };
  }
  if (entry.category === 'loop') {
    if (/^event loop paused/.test(entry.message)) return { t: entry.t, kind: 'pause' };
    if (/^event loop resumed/.test(entry.message)) return { t: entry.t, kind: 'resume' };
  }
  return null;
}

/** The markers, newest last, bounded. */
export class ChartMarkers {
  private items: ChartMarker[] = [];
  private listeners = new Set<() => void>();
  version = 0;

  get all(): readonly ChartMarker[] {
    return this.items;
  }

  add(markers: readonly ChartMarker[]): void {
    if (markers.length === 0) return;
    this.items = [...this.items, ...markers].slice(-MAX_MARKERS);
    this.version++;
    for (const listener of this.listeners) listener();
  }

  clear(): void {
    this.items = [];
    this.version++;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
