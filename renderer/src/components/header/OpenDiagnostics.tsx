// The header's button that opens a diagnostics bundle and replays it, or says why the file is not one.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { openBundle } from '../../actions/replay.js';
import { useGauge } from '../../store/store.js';

/** Opens a diagnostics bundle from a file and replays it; a file that is not one gets a worded error, and the dashboard stays live. */
export function OpenDiagnostics() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const error = useGauge((s) => s.replayError);
  const setError = useGauge((s) => s.setReplayError);
  return (
    <div className="diagnostics-button">
      <button type="button" title={t('replay.openHint')} onClick={() => input.current?.click()}>
        {t('replay.open')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.gz,application/json"
        hidden
        aria-label={t('replay.open')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          setError(null);
          void file.text().then(
            (text) => openBundle(text, file.name),
            (reason: unknown) => setError({ problem: 'unreadable', params: { reason: String(reason) } }),
          );
        }}
      />
      {error ? (
        <span role="alert" className="field-error" data-testid="replay-error">
          {error.problem === 'unreadable' ? t('replay.unreadable', error.params) : t(`bundleError.${error.problem}`, error.params)}
        </span>
      ) : null}
    </div>
  );
}
