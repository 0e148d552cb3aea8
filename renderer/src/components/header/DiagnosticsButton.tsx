// The header's button that exports a diagnostics bundle, and says why when the bundle could not be saved.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportDiagnostics } from '../../actions/diagnostics.js';

/** Saves a diagnostics bundle (samples, alerts, log, drills; no secrets) for a support engineer. */
export function DiagnosticsButton() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="diagnostics-button">
      <button
        type="button"
        disabled={busy}
        title={problem ?? t('diagnostics.hint')}
        onClick={() => {
          setBusy(true);
          void exportDiagnostics()
            .then(setProblem)
            .finally(() => setBusy(false));
        }}
      >
        {t('diagnostics.export')}
      </button>
      {problem ? (
        <span role="alert" className="field-error">
          {t('diagnostics.failed', { reason: problem })}
        </span>
      ) : null}
    </div>
  );
}
