// One capacity in the advisor's table: what it would have refused, held and cost, and the button that applies it.
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../../shared/advisor/index.js';
import { useFormat } from '../../i18n/format-hook.js';

export function CandidateRow({
  candidate: c,
  latencyIsBound,
  showHeld,
  live,
  replaying,
  applying,
  onApply,
}: {
  candidate: Candidate;
  /** True when no backlog showed the drain rate, so the wait was worked out at the fastest drain seen: an upper bound. */
  latencyIsBound: boolean;
  showHeld: boolean;
  live: number;
  replaying: boolean;
  applying: boolean;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const suggested = c.reasons.includes('suggested');
  const latency = c.worstLatencyMs === null ? '—' : latencyIsBound ? t('advisor.atMost', { value: f.latency(c.worstLatencyMs) }) : f.latency(c.worstLatencyMs);
  return (
    <tr className={suggested ? 'suggested' : undefined} data-capacity={c.capacity}>
      <th scope="row">
        <span className="advisor-capacity">{f.count(c.capacity)}</span>
        <span className="advisor-reasons">{f.list(c.reasons.map((r) => t(`advisor.reasons.${r}`)))}</span>
      </th>
      <td className={`num ${c.refused > 0 ? 'bad' : 'good'}`} data-field="refused">{f.count(c.refused)}</td>
      {showHeld ? <td className="num">{c.held > 0 ? f.count(c.held) : '—'}</td> : null}
      <td className="num" data-field="peak">
        {f.count(c.peakDepth)}
      </td>
      <td className="num">{f.bytes(c.peakBytes)}</td>
      <td className="num">{latency}</td>
      <td className="num">
        {c.postponedMs === null || c.postponedMs === 0 ? '—' : c.postponedMs > 0 ? f.duration(c.postponedMs) : t('advisor.sooner', { duration: f.duration(-c.postponedMs) })}
      </td>
      <td>
        {c.capacity === live ? (
          <span className="field-hint">{t('advisor.inForce')}</span>
        ) : (
          <button
            type="button"
            className={suggested ? 'primary' : undefined}
            disabled={replaying || applying}
            aria-label={t('advisor.applyCapacity', { capacity: f.count(c.capacity) })}
            onClick={onApply}
          >
            {t('advisor.apply')}
          </button>
        )}
      </td>
    </tr>
  );
}
