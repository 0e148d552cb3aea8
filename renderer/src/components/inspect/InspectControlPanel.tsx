// Starting and stopping the Inspect proxy: where it listens, which profile's broker it forwards to, and where to point a client.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startInspect, stopInspect } from '../../actions/inspect.js';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import { tk } from '../../i18n/keys.js';
import { useGauge } from '../../store/store.js';
import { NumberField, SelectField } from '../common/fields.js';
import { FieldError } from '../common/FieldError.js';
import { parseTyped } from '../common/numbers.js';
import { Panel } from '../common/Panel.js';

const DEFAULT_PORT = '18830';

export function InspectControlPanel() {
  const { t } = useTranslation();
  const profiles = useGauge((s) => s.profiles);
  const defaultId = useGauge((s) => s.defaultProfileId);
  const status = useGauge((s) => s.inspect);
  const [port, setPort] = useState(DEFAULT_PORT);
  const [profileId, setProfileId] = useState<string>('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = profiles.find((p) => p.id === (profileId || defaultId)) ?? profiles[0];

  const start = async () => {
    const listenPort = parseTyped(port);
    if (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65_535) {
      setProblems([{ field: 'listenPort', key: tk('inspect.proxy.badPort') }]);
      return;
    }
    if (!chosen) return;
    setBusy(true);
    setProblems(await startInspect(listenPort, chosen));
    setBusy(false);
  };
  const stop = async () => {
    setBusy(true);
    await stopInspect();
    setBusy(false);
  };
  const url = status.listen ? `mqtt://${status.listen}` : null;
  return (
    <Panel title={t('inspect.proxy.title')} testId="inspect-proxy">
      <p className="inspect-hint">{t('inspect.proxy.intro')}</p>
      <NumberField label={t('inspect.proxy.listenPort')} name="listen-port" value={port} onValue={setPort} disabled={status.listening} problem={problemFor(problems, 'listenPort')} />
      <SelectField
        label={t('inspect.proxy.upstream')}
        name="upstream"
        value={chosen?.id ?? ''}
        options={profiles.map((p) => ({ value: p.id, label: p.kind === 'builtin' ? t('connect.builtInProfileName') : `${p.name} (${p.host}:${p.port})` }))}
        onValue={setProfileId}
        disabled={status.listening}
        hint={t('inspect.proxy.upstreamHint')}
      />
      <FieldError id="inspect-profile-error" problem={problemFor(problems, 'profile')} />
      <div className="button-row">
        {status.listening ? (
          <button type="button" onClick={() => void stop()} disabled={busy}>
            {t('inspect.proxy.stop')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()} disabled={busy || !chosen}>
            {t('inspect.proxy.start')}
          </button>
        )}
      </div>
      {status.listening && url ? (
        <div className="inspect-listening" role="status" data-testid="inspect-listening">
          <p>{t('inspect.proxy.listening', { listen: status.listen, upstream: status.upstream })}</p>
          <p className="inspect-point">
            {t('inspect.proxy.pointAt')} <code>{url}</code>
          </p>
        </div>
      ) : status.upstream ? (
        <p className="inspect-hint" role="status">
          {t('inspect.proxy.stopped', { count: status.clients.length })}
        </p>
      ) : null}
    </Panel>
  );
}
