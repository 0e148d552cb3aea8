// What became of the last connect, under the Connect button: connecting, connected, refused with its problems, or failed with the reason.
import { useTranslation } from 'react-i18next';
import { connectErrorKind, connectErrorText } from '../../../../shared/locales/wording.js';
import { useProblemText } from '../common/FieldError.js';
import { useGauge } from '../../store/store.js';

/** The result of the last connect, where the person looks: under the Connect button. */
export function ConnectOutcome({ formFieldsShown }: { formFieldsShown: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const attempt = useGauge((s) => s.connectAttempt);
  const state = useGauge((s) => s.connectionState);
  const activeName = useGauge((s) => (s.activeProfile?.kind === 'builtin' ? null : (s.activeProfile?.name ?? '')));
  const builtInName = t('connect.builtInProfileName');
  const nameOf = (attempt: { profileName: string; builtIn: boolean }) => (attempt.builtIn ? builtInName : attempt.profileName);

  if (attempt.phase === 'connecting') {
    return (
      <p role="status" className="outcome outcome-progress" data-testid="connect-outcome" data-phase="connecting">
        {t('connect.outcome.connecting', { name: nameOf(attempt) })}
      </p>
    );
  }
  if (attempt.phase === 'refused') {
    const unplaced = attempt.problems.filter((problem) => !formFieldsShown.has(problem.field));
    return (
      <div role="alert" className="outcome outcome-error" data-testid="connect-outcome" data-phase="refused">
        <p>{t('connect.outcome.refused')}</p>
        {unplaced.map((problem, i) => (
          <p key={i} className="outcome-detail">
            {problem.field ? `${problem.field}: ` : ''}
            {problemText(problem)}
          </p>
        ))}
      </div>
    );
  }
  if (attempt.phase === 'failed' && state !== 'connected') {
    const error = attempt.error;
    if (!error) {
      return (
        <p role="status" className="outcome outcome-warning" data-testid="connect-outcome" data-phase="waiting">
          {t('connect.outcome.waitingForLoop')}
        </p>
      );
    }
    return (
      <div role="alert" className="outcome outcome-error" data-testid="connect-outcome" data-phase="failed" data-error-kind={connectErrorKind(error)}>
        <p className="outcome-title">{connectErrorText(error, t)}</p>
        <p className="outcome-detail">{t('connect.outcome.detail', { detail: error.message })}</p>
        <p className="outcome-retry">{t('connect.outcome.retrying')}</p>
      </div>
    );
  }
  if (state === 'connected' && activeName !== '') {
    return (
      <p role="status" className="outcome outcome-ok" data-testid="connect-outcome" data-phase="connected">
        {t('connect.outcome.connected', { name: activeName ?? builtInName })}
      </p>
    );
  }
  return <p role="status" className="outcome" data-testid="connect-outcome" data-phase="idle" />;
}
