// Listening for client reports: at which profile's broker, on which topic prefix, and what was heard, bad reports counted by why.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BAD_REPORT_KINDS, REPORT_TOPIC_PREFIX } from '../../../../shared/report/index.js';
import { startReports, stopReports } from '../../actions/reports.js';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { SelectField, TextField } from '../common/fields.js';
import { FieldError } from '../common/FieldError.js';
import { Panel } from '../common/Panel.js';

function BadReports() {
  const { t } = useTranslation();
  const f = useFormat();
  const bad = useGauge((s) => s.reports.bad);
  const untracked = useGauge((s) => s.reports.untracked);
  return (
    <div className={`report-bad ${bad.total > 0 ? 'has-bad' : ''}`} data-testid="bad-reports" data-total={bad.total}>
      <p>{t('reports.listener.bad', { count: bad.total })}</p>
      {bad.total > 0 ? (
        <ul>
          {BAD_REPORT_KINDS.filter((kind) => bad.byKind[kind] > 0).map((kind) => (
            <li key={kind} data-testid={`bad-reports-${kind}`} data-count={bad.byKind[kind]}>
              {t(`badReport.${kind}`)}: {f.count(bad.byKind[kind])}
            </li>
          ))}
        </ul>
      ) : null}
      {bad.last ? <p className="inspect-hint">{t('reports.listener.lastBad', { topic: bad.last.topic, kind: t(`badReport.${bad.last.kind}`), detail: bad.last.detail || '—', time: f.clock(bad.last.at) })}</p> : null}
      {untracked > 0 ? <p className="inspect-hint">{t('reports.listener.untracked', { count: untracked })}</p> : null}
    </div>
  );
}

export function ReportListenerPanel() {
  const { t } = useTranslation();
  const profiles = useGauge((s) => s.profiles);
  const defaultId = useGauge((s) => s.defaultProfileId);
  const status = useGauge((s) => s.reports);
  const [prefix, setPrefix] = useState(REPORT_TOPIC_PREFIX);
  const [profileId, setProfileId] = useState<string>('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const current = useGauge((s) => s.activeProfile);
  // The broker the window is connected to comes first: reports usually go to the broker the person is looking at.
  const CURRENT = '__current';
  const choice = profileId || (current ? CURRENT : defaultId);
  const chosen = choice === CURRENT ? null : (profiles.find((p) => p.id === choice) ?? profiles[0] ?? null);
  const options = [
    ...(current ? [{ value: CURRENT, label: t('reports.listener.current', { name: current.kind === 'builtin' ? t('connect.builtInProfileName') : current.name, address: `${current.host}:${current.port}` }) }] : []),
    ...profiles.map((p) => ({ value: p.id, label: p.kind === 'builtin' ? t('connect.builtInProfileName') : `${p.name} (${p.host}:${p.port})` })),
  ];
  const start = async () => {
    if (!chosen && !current) return;
    setBusy(true);
    setProblems(await startReports(chosen, prefix));
    setBusy(false);
  };
  const stop = async () => {
    setBusy(true);
    await stopReports();
    setBusy(false);
  };
  return (
    <Panel title={t('reports.listener.title')} testId="report-listener">
      <p className="inspect-hint">{t('reports.listener.intro')}</p>
      <SelectField
        label={t('reports.listener.broker')}
        name="report-broker"
        value={choice}
        options={options}
        onValue={setProfileId}
        disabled={status.listening}
      />
      <TextField label={t('reports.listener.prefix')} name="report-prefix" value={prefix} onValue={setPrefix} disabled={status.listening} problem={problemFor(problems, 'topicPrefix')} hint={t('reports.listener.prefixHint')} />
      <FieldError id="report-profile-error" problem={problemFor(problems, 'profile')} />
      <div className="button-row">
        {status.listening ? (
          <button type="button" onClick={() => void stop()} disabled={busy}>
            {t('reports.listener.stop')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()} disabled={busy || (!chosen && !current)}>
            {t('reports.listener.start')}
          </button>
        )}
      </div>
      {status.listening ? (
        <p className="inspect-listening" role="status" data-testid="report-listening" data-connection={status.connection}>
          {t('reports.listener.listening', { filter: status.filter, broker: status.broker, connection: t(`reports.state.${status.connection}`), count: status.clients.length })}
          {status.error ? <span className="inspect-hint"> {status.error}</span> : null}
        </p>
      ) : null}
      {status.listening || status.bad.total > 0 ? <BadReports /> : null}
    </Panel>
  );
}
