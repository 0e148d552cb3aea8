// The bookkeeping every set of alerts shares: raise once when a rule starts to hold, follow its numbers, clear it when it stops.
import type { AlertSeverity } from '../../shared/domain.js';

/** An active alert or verdict of rule `R`, worded from its params. */
export interface RuledAlert<R extends string, P> {
  id: R;
  severity: AlertSeverity;
  message: string;
  /** Wall-clock ms when it was raised; stays put while it holds. */
  since: number;
  params: P;
}

/** What one evaluation changed. */
export interface RuleChange<A> {
  raised: A[];
  cleared: A[];
  updated: A[];
}

/**
 * Holds the alerts of one subject (the engine's connection, one inspected
 * client). Each evaluation says which rules hold now and with which
 * numbers; an alert is raised when its rule starts to hold, reported as
 * updated when its numbers move, and cleared when the rule stops holding.
 */
export class RuleBook<R extends string, P extends { [K in R]: object }> {
  private readonly active = new Map<R, RuledAlert<R, P[R]>>();

  constructor(
    private readonly rules: readonly R[],
    private readonly severity: Record<R, AlertSeverity>,
    private readonly word: <K extends R>(rule: K, params: P[K]) => string,
  ) {}

  apply(holding: Partial<P>, t: number): RuleChange<RuledAlert<R, P[R]>> {
    const change: RuleChange<RuledAlert<R, P[R]>> = { raised: [], cleared: [], updated: [] };
    for (const rule of this.rules) {
      const params = holding[rule];
      const current = this.active.get(rule);
      if (params === undefined) {
        if (current) {
          this.active.delete(rule);
          change.cleared.push(copy(current));
        }
        continue;
      }
      if (current && sameParams(current.params, params)) continue;
      const alert: RuledAlert<R, P[R]> = {
        id: rule,
        severity: this.severity[rule],
        message: this.word(rule, params),
        since: current?.since ?? t,
        params: params,
      };
      this.active.set(rule, alert);
      (current ? change.updated : change.raised).push(copy(alert));
    }
    return change;
  }

  /** The alerts that hold now, in rule order, as copies. */
  list(): Array<RuledAlert<R, P[R]>> {
    return this.rules.flatMap((rule) => {
      const alert = this.active.get(rule);
      return alert ? [copy(alert)] : [];
    });
  }
}

function copy<A extends { params: object }>(alert: A): A {
  return { ...alert, params: { ...alert.params } };
}

function sameParams(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.is(left[key], right[key]));
}
