// The request channel's capacity, tuned live with a logarithmic slider or a typed number.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/domain.js';
import { adviseNow } from '../../actions/advisor.js';
import { applyCapacity } from '../../actions/channel.js';
import type { FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { parseTyped } from '../common/numbers.js';
import { FieldError } from '../common/FieldError.js';
import { capacityAt, positionOf, SLIDER_STEPS } from './capacity-scale.js';

/** How long the slider waits after the last move before it applies. */
const SLIDER_SETTLE_MS = 200;

/** Capacity, live: a logarithmic slider and a number field, both applied with setCapacity. */
export function CapacityControl() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const capacity = useGauge((s) => s.capacity);
  const [typed, setTyped] = useState(String(capacity));
  const [sliderValue, setSliderValue] = useState<number | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const editing = useRef(false);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Follow the live capacity unless the person is typing a new one.
  useEffect(() => {
    if (!editing.current) setTyped(String(capacity));
  }, [capacity]);
  useEffect(() => () => void (settle.current && clearTimeout(settle.current)), []);

  const apply = async (value: number) => {
    const found = await applyCapacity(value);
    setProblems(found);
    if (found.length === 0) {
      editing.current = false;
      setTyped(String(value));
    }
  };

  const onSlider = (position: number) => {
    const value = capacityAt(position);
    setSliderValue(value);
    if (settle.current) clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      settle.current = null;
      void apply(value).finally(() => setSliderValue(null));
    }, SLIDER_SETTLE_MS);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void apply(parseTyped(typed));
    } else if (event.key === 'Escape') {
      editing.current = false;
      setTyped(String(capacity));
      setProblems([]);
    }
  };

  const shown = sliderValue ?? capacity;
  const problem = problems[0];
  return (
    <div className="tuning-control capacity-control">
      <div className="tuning-label-row">
        <label htmlFor={`${id}-number`}>{t('tuning.capacity')}</label>
        <span className="tuning-live" data-testid="capacity-live">
          {f.count(shown)}
        </span>
      </div>
      <input
        type="range"
        className="capacity-slider"
        aria-label={t('tuning.capacitySlider')}
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={positionOf(shown)}
        aria-valuetext={f.count(shown)}
        onChange={(event) => onSlider(Number(event.target.value))}
      />
      <div className="scale-ends" aria-hidden="true">
        <span>{f.count(LIMITS.minCapacity)}</span>
        <span>{f.compact(LIMITS.maxCapacity)}</span>
      </div>
      <div className="inline-apply">
        <input
          id={`${id}-number`}
          type="text"
          inputMode="numeric"
          value={typed}
          onChange={(event) => {
            editing.current = true;
            setTyped(event.target.value);
            setProblems([]);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          title={t('tuning.enterToApply')}
        />
        <button type="button" onClick={() => void apply(parseTyped(typed))}>
          {t('tuning.applyCapacity')}
        </button>
        <button type="button" className="icon-button" aria-label={t('tuning.halveCapacity')} title={t('tuning.halveCapacity')} onClick={() => void apply(Math.max(LIMITS.minCapacity, Math.floor(capacity / 2)))}>
          ÷2
        </button>
        <button type="button" className="icon-button" aria-label={t('tuning.doubleCapacity')} title={t('tuning.doubleCapacity')} onClick={() => void apply(Math.min(LIMITS.maxCapacity, capacity * 2))}>
          ×2
        </button>
      </div>
      <FieldError id={`${id}-error`} problem={problem} testId="field-error-capacity" />
      <button type="button" className="link-button advisor-link" onClick={() => void adviseNow()}>
        {t('tuning.askAdvisor')}
      </button>
    </div>
  );
}
