// The fault drills panel: throttle writes, stall the socket, drop the connection or slow the poll, live, and see which drills are in force.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAULT_KINDS, type FaultKind } from '../../../../shared/domain.js';
import { setFault } from '../../actions/faults.js';
import type { FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';
import { FieldError } from '../common/FieldError.js';
import { Panel } from '../common/Panel.js';
import './drills.css';

/** The command a drill and its typed value make (checked by the shared schema before it is sent). */
function commandOf(kind: FaultKind, typed: string): unknown {
  const value = typed.trim() === '' ? Number.NaN : Number(typed.trim());
  switch (kind) {
    case 'throttle':
      return { kind, bytesPerSec: value };
    case 'stall-socket':
      return { kind, seconds: value };
    case 'slow-poll':
      return { kind, delayMs: value };
    default:
      return { kind };
  }
}

const DEFAULTS: Record<FaultKind, string> = { throttle: '10000', 'stall-socket': '5', 'drop-connection': '', 'slow-poll': '200' };

/** Fault drills: throttle writes, stall the socket, drop the connection, slow the poll; switched live, marked on the charts. */
export function DrillsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [kind, setKind] = useState<FaultKind>('throttle');
  const [typed, setTyped] = useState(DEFAULTS.throttle);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const throttle = useLatestSample((s) => s?.faults?.throttleBytesPerSec ?? null);
  const stallLeft = useLatestSample((s) => (s?.faults?.stalledUntil != null ? Math.max(0, Math.ceil((s.faults.stalledUntil - s.t) / 1000)) : null));
  const pollDelay = useLatestSample((s) => s?.faults?.pollDelayMs ?? 0);

  const send = async (command: unknown) => {
    setBusy(true);
    try {
      const result = await setFault(command);
      setProblems(result.problems);
    } finally {
      setBusy(false);
    }
  };
  const valueLabel = kind === 'throttle' ? t('drills.bytesPerSec') : kind === 'stall-socket' ? t('drills.seconds') : kind === 'slow-poll' ? t('drills.delayMs') : null;
  const problem = problems[0];
  const active = throttle !== null || stallLeft !== null || pollDelay > 0;
  return (
    <Panel title={t('drills.title')} className="drills-panel" testId="drills-panel">
      <p className="field-hint">{t('drills.hint')}</p>
      <form
        className="drill-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send(commandOf(kind, typed));
        }}
      >
        <div className="tuning-control">
          <label htmlFor={`${id}-kind`}>{t('drills.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => {
              const next = event.target.value as FaultKind;
              setKind(next);
              setTyped(DEFAULTS[next]);
              setProblems([]);
            }}
          >
            {FAULT_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`drill.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {valueLabel ? (
          <div className="tuning-control">
            <label htmlFor={`${id}-value`}>{valueLabel}</label>
            <input
              id={`${id}-value`}
              type="text"
              inputMode="numeric"
              value={typed}
              onChange={(event) => {
                setTyped(event.target.value);
                setProblems([]);
              }}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-error` : undefined}
            />
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('drills.start')}
        </button>
        <FieldError id={`${id}-error`} problem={problem} testId="field-error-drill" />
      </form>
      <ul className="drills-active" aria-label={t('drills.active')} data-testid="drills-active" data-active={active ? 'true' : 'false'}>
        {!active ? <li className="field-hint">{t('drills.none')}</li> : null}
        {throttle !== null ? (
          <li data-drill="throttle">
            <span>{t('drills.throttleOn', { rate: f.bytes(throttle) })}</span>
            <button type="button" disabled={busy} onClick={() => void send({ kind: 'throttle', bytesPerSec: null })}>
              {t('drills.stopThrottle')}
            </button>
          </li>
        ) : null}
        {stallLeft !== null ? (
          <li data-drill="stall-socket">
            <span>{t('drills.stallOn', { seconds: stallLeft })}</span>
          </li>
        ) : null}
        {pollDelay > 0 ? (
          <li data-drill="slow-poll">
            <span>{t('drills.slowPollOn', { delay: f.duration(pollDelay) })}</span>
            <button type="button" disabled={busy} onClick={() => void send({ kind: 'slow-poll', delayMs: 0 })}>
              {t('drills.stopSlowPoll')}
            </button>
          </li>
        ) : null}
      </ul>
    </Panel>
  );
}
