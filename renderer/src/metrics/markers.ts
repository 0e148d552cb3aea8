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

/** Reads a marker from a log line, by its catalogue key. */
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
    default:
      return null;
  }
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
    // Sorted by time: lines seeded from a snapshot may come after newer ones.
    this.items = [...this.items, ...markers].sort((a, b) => a.t - b.t).slice(-MAX_MARKERS);
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
