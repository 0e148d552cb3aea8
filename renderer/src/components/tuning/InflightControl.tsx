// The in-flight window (QoS 1 and 2 publishes awaiting their ack), tuned live or, when it must wait, for the next connection.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyInflight } from '../../actions/channel.js';
import type { FieldProblem } from '../../forms/problems.js';
import { useGauge } from '../../store/store.js';
import { FieldError } from '../common/FieldError.js';
import { parseTyped } from '../common/numbers.js';

/** The in-flight window (QoS 1/2 publishes awaiting their ack), applied on Enter or with its button. */
export function InflightControl() {
  const { t } = useTranslation();
  const id = useId();
  const window = useGauge((s) => s.inflightWindow);
  const appliedLive = useGauge((s) => s.inflightAppliedLive);
  const [typed, setTyped] = useState(String(window));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setTyped(String(window));
  }, [window]);
  const apply = async () => {
    const found = await applyInflight(parseTyped(typed));
    setProblems(found);
    if (found.length === 0) editing.current = false;
  };
  const problem = problems[0];
  return (
    <div className="tuning-control inflight-control">
      <label htmlFor={id}>{t('tuning.inflight')}</label>
      <div className="inline-apply">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={typed}
          onChange={(event) => {
            editing.current = true;
            setTyped(event.target.value);
            setProblems([]);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void apply();
            }
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : `${id}-hint`}
        />
        <button type="button" onClick={() => void apply()}>
          {t('tuning.applyInflight')}
        </button>
      </div>
      {problem ? null : (
        <p id={`${id}-hint`} className="field-hint">
          {appliedLive ? t('tuning.inflightHint') : t('tuning.inflightNextConnection')}
        </p>
      )}
      <FieldError id={`${id}-error`} problem={problem} testId="field-error-inflight" />
    </div>
  );
}
