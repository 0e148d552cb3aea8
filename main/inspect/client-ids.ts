// Remembers when each client id connected lately, so a client that keeps reconnecting (or two that share one id) is seen.
/** At most this many ids are remembered; the longest-quiet is forgotten first. */
const MAX_IDS = 10_000;

export class ClientIdLog {
  private readonly connects = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Notes a connection of `clientId` at `t` (monotonic ms). */
  note(clientId: string, t: number): void {
    const times = this.connects.get(clientId) ?? [];
    this.connects.delete(clientId);
    times.push(t);
    this.connects.set(clientId, times);
    if (this.connects.size > MAX_IDS) this.connects.delete(this.connects.keys().next().value!);
  }

  /** Connections of `clientId` within the window ending at `t`. */
  countAt(clientId: string, t: number): number {
    const times = this.connects.get(clientId);
    if (!times) return 0;
    while (times.length > 0 && times[0]! <= t - this.windowMs) times.shift();
    return times.length;
  }
}
