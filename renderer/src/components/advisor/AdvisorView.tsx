// The capacity advisor's tab: why the channel overflowed in the studied window, what other capacities would have done, and one click to apply one.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADVISOR_WINDOWS, type Advice, type AdvisorWindow } from '../../../../shared/advisor/index.js';
import { adviseNow } from '../../actions/advisor.js';
import { applyCapacity } from '../../actions/channel.js';
import type { FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { useProblemText } from '../common/FieldError.js';
import { CandidateRow } from './CandidateRow.js';
import { diagnosisWords } from './diagnosis-words.js';
import './advisor.css';

/** The window to study and the button that studies it, in the tab bar. */
export function AdvisorActions() {
  const { t } = useTranslation();
  const windowSec = useGauge((s) => s.advisorWindow);
  const setWindow = useGauge((s) => s.setAdvisorWindow);
  const asked = useGauge((s) => s.advice !== null);
  return (
    <div className="advisor-actions">
      <select aria-label={t('advisor.window')} value={windowSec} onChange={(e) => setWindow(Number(e.target.value) as AdvisorWindow)}>
        {ADVISOR_WINDOWS.map((w) => (
          <option key={w} value={w}>
            {t(`advisor.windows.w${w}`)}
          </option>
        ))}
      </select>
      <button type="button" className={asked ? undefined : 'primary'} onClick={() => void adviseNow()}>
        {asked ? t('advisor.again') : t('advisor.advise')}
      </button>
    </div>
  );
}

/**
 * Advice is asked for, not live: a person reads a table that holds still,
 * and asks again for the newer history (after applying, say).
 */
export function AdvisorView() {
  const { t } = useTranslation();
  const advice = useGauge((s) => s.advice);
  const view = useRef<HTMLDivElement>(null);
  // New advice starts at its diagnosis, not where the last table was scrolled to.
  useEffect(() => {
    if (view.current) view.current.scrollTop = view.current.scrollLeft = 0;
  }, [advice]);
  return (
    <div className="advisor-view" ref={view}>
      {advice ? <AdviceShown advice={advice} /> : <p className="field-hint">{t('advisor.intro')}</p>}
    </div>
  );
}

function AdviceShown({ advice }: { advice: Advice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const replaying = useGauge((s) => s.replay !== null);
  const live = useGauge((s) => s.capacity);
  const [applying, setApplying] = useState<number | null>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const problemText = useProblemText();
  const apply = async (value: number) => {
    setApplying(value);
    const problems = await applyCapacity(value);
    setApplying(null);
    setProblem(problems[0] ?? null);
  };
  const words = diagnosisWords(advice, f);
  const inForce = advice.candidates.find((c) => c.reasons.includes('in-force'));
  // Only a blocking channel holds publishers; the column would be all dashes otherwise.
  const showHeld = advice.candidates.some((c) => c.held > 0);
  return (
    <>
      <p className={`advisor-diagnosis ${advice.capacityCures ? 'cures' : 'not-cure'}`} role="status" data-kind={advice.diagnosis.kind} data-testid="advisor-diagnosis">
        {t(words.key, words.params)}
      </p>
      {advice.candidates.length > 0 ? (
        <>
          <p className="field-hint" data-testid="advisor-check">
            {t('advisor.studied', { from: f.clock(advice.from), to: f.clock(advice.to), capacity: f.count(advice.capacity) })}{' '}
            {advice.capacities.length > 1
              ? t('advisor.capacityChanged', { capacities: advice.capacities.map((c) => f.count(c)).join(' → '), observed: f.count(advice.observed.refused) })
              : inForce
                ? t('advisor.check', { modelled: f.count(inForce.refused), observed: f.count(advice.observed.refused) })
                : null}{' '}
            {advice.episodes > 1 ? t('advisor.episodes', { count: advice.episodes }) : null}
          </p>
          <table className="advisor-table" aria-label={t('advisor.table')}>
            <thead>
              <tr>
                <th scope="col">{t('advisor.columns.capacity')}</th>
                <th scope="col" className="num">
                  {t('advisor.columns.refused')}
                </th>
                {showHeld ? (
                  <th scope="col" className="num">
                    {t('advisor.columns.held')}
                  </th>
                ) : null}
                <th scope="col" className="num">
                  {t('advisor.columns.peak')}
                </th>
                <th scope="col" className="num">
                  {t('advisor.columns.memory')}
                </th>
                <th scope="col" className="num">
                  {t('advisor.columns.latency')}
                </th>
                <th scope="col" className="num">
                  {t('advisor.columns.postponed')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('advisor.columns.apply')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {advice.candidates.map((c) => (
                <CandidateRow
                  key={c.capacity}
                  candidate={c}
                  latencyIsBound={advice.basis.drainPerMs === null}
                  showHeld={showHeld}
                  live={live}
                  replaying={replaying}
                  applying={applying === c.capacity}
                  onApply={() => void apply(c.capacity)}
                />
              ))}
            </tbody>
          </table>
          {replaying ? <p className="field-hint">{t('advisor.applyInReplay')}</p> : null}
          {problem ? (
            <p className="field-error" role="alert">
              {problemText(problem)}
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
