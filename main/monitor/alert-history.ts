// Every alert raised and when it cleared, bounded, for diagnostics bundles.
import type { AlertRecord } from '../../shared/domain.js';
import type { AlertChange } from './alerts.js';
import { BoundedRing } from './ring.js';

/** How many raised alerts the history keeps; a flapping rule cannot grow it without limit. */
export const DEFAULT_ALERT_HISTORY = 1_000;

/**
 * Every alert raised, with when it cleared: the active list says what is
 * wrong now, this says what was wrong earlier, for diagnostics bundles.
 */
export class AlertHistory {
  private readonly ring: BoundedRing<AlertRecord>;
  /** The open record of each rule that holds now. */
  private readonly open = new Map<AlertRecord['id'], AlertRecord>();

  constructor(capacity = DEFAULT_ALERT_HISTORY) {
    this.ring = new BoundedRing<AlertRecord>(capacity);
  }

  /** Notes what one evaluation changed; `at` (wall-clock ms) is when the cleared ones stopped holding. */
  record(change: AlertChange, at: number): void {
    for (const alert of change.cleared) {
      const open = this.open.get(alert.id);
      if (open) open.clearedAt = at;
      this.open.delete(alert.id);
    }
    for (const alert of change.raised) {
      const record = { ...alert, params: { ...alert.params }, clearedAt: null } as AlertRecord;
      this.ring.push(record);
      this.open.set(alert.id, record);
    }
  }

  /** Every kept record, oldest first, as copies. */
  all(): AlertRecord[] {
    return this.ring.toArray().map((record) => ({ ...record, params: { ...record.params } }) as AlertRecord);
  }
}
