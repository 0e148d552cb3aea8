// The last probe's report as a table: each check, what became of it and why, with the largest payload and whether it cleaned up.
import { useTranslation } from 'react-i18next';
import { probeReasonText } from '../../../../shared/locales/limits-wording.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';

/** What the broker accepted, check by check; nothing until a probe was run. */
export function ProbeResults() {
  const { t } = useTranslation();
  const f = useFormat();
  const probe = useGauge((s) => s.probe);
  if (probe.phase === 'failed') {
    return (
      <p role="alert" className="probe-error" data-testid="probe-error">
        {t('probe.failed', { message: probe.message })}
      </p>
    );
  }
  if (probe.phase !== 'done') return null;
  const report = probe.report;
  const accepted = report.checks.filter((c) => c.outcome === 'accepted').length;
  return (
    <div className="probe-results" data-testid="probe-results">
      {report.connected ? (
        <p role="status">{t('probe.summary', { accepted, checks: report.checks.length, target: report.target, reconnects: report.reconnects })}</p>
      ) : (
        <p role="alert" className="probe-error">
          {t('probe.notConnectedError', { message: report.connectError ?? '' })}
        </p>
      )}
      <table className="limits-table probe-table" aria-label={t('probe.table')}>
        <thead>
          <tr>
            <th scope="col">{t('probe.checkColumn')}</th>
            <th scope="col">{t('probe.outcomeColumn')}</th>
            <th scope="col">{t('probe.why')}</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((check, i) => (
            <tr key={i} data-check={check.check} data-outcome={check.outcome}>
              <th scope="row">{t(`probe.check.${check.check}`, { bytes: check.bytes === null ? '' : f.bytes(check.bytes) })}</th>
              <td className={`probe-outcome probe-${check.outcome}`}>{t(`probe.outcome.${check.outcome}`)}</td>
              <td className="probe-why" title={check.detail ?? undefined}>
                {probeReasonText(check, t)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="limits-hint">{report.largestPayload === null ? t('probe.noneLargest') : t('probe.largest', { bytes: f.bytes(report.largestPayload) })}</p>
      {report.cleanedUp ? null : <p className="probe-error">{t('probe.notCleaned', { prefix: report.topicPrefix })}</p>}
    </div>
  );
}
