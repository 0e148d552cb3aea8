// The connect panel: pick or edit a broker profile (transport, TLS, session, channel settings), connect or disconnect, and see the outcome.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERFLOW_POLICIES, TRANSPORTS } from '../../../../shared/domain.js';
import { connectWith, deleteProfile, disconnect, saveProfile } from '../../actions/connection.js';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import { useGauge } from '../../store/store.js';
import { NumberField, SelectField, Switch, TextField } from '../common/fields.js';
import { Panel } from '../common/Panel.js';
import { BuiltInBrokerNote } from './BuiltInBrokerNote.js';
import { ConnectOutcome } from './ConnectOutcome.js';
import { PemField } from './PemField.js';
import { ProfileActions, ProfilePicker } from './ProfilePicker.js';
import { formFromProfile, newProfileForm, profileInput, usesTls, usesWebSocket, type ProfileForm } from './profile-form.js';
import './connect.css';

/** The fields the form shows for a profile, so that problems about others are listed apart. */
function shownFields(form: ProfileForm): Set<string> {
  const fields = ['clientId', 'keepAlive', 'cleanSession', 'inflight', 'capacity', 'policy'];
  if (form.kind === 'custom') fields.push('name', 'host', 'port', 'transport', 'protocolVersion', 'username', 'password');
  if (form.kind === 'custom' && usesWebSocket(form.transport)) fields.push('wsPath');
  if (form.kind === 'custom' && usesTls(form.transport)) fields.push('tls.ca', 'tls.cert', 'tls.key', 'tls.rejectUnauthorized');
  return new Set(fields);
}

/** Connect: saved profiles, the connection form, and the outcome of the last attempt. */
export function ConnectPanel() {
  const { t } = useTranslation();
  const profiles = useGauge((s) => s.profiles);
  const defaultId = useGauge((s) => s.defaultProfileId);
  const connectionState = useGauge((s) => s.connectionState);
  const attemptProblems = useGauge((s) => (s.connectAttempt.phase === 'refused' ? s.connectAttempt.problems : null));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [form, setForm] = useState<ProfileForm>(newProfileForm);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  // Until the person picks one, show the default profile once the list arrives.
  // Adjusted during render (React's pattern for state that follows a prop), not in an effect: no extra render pass.
  if (selectedId === null && profiles.length > 0) {
    const profile = profiles.find((p) => p.id === defaultId) ?? profiles[0]!;
    setSelectedId(profile.id);
    setForm(formFromProfile(profile));
  }

  // A refused attempt's problems replace the form's, once per attempt.
  const [shownAttemptProblems, setShownAttemptProblems] = useState<typeof attemptProblems>(null);
  if (attemptProblems !== shownAttemptProblems) {
    setShownAttemptProblems(attemptProblems);
    if (attemptProblems) setProblems(attemptProblems);
  }

  const edit = (change: Partial<ProfileForm>) => {
    setForm((current) => ({ ...current, ...change }));
    // A field's message goes once the person changes that field.
    const changed = Object.keys(change);
    setProblems((current) => current.filter((problem) => !changed.some((key) => problem.field === key || problem.field.startsWith(`${key}.`) || (key === 'ca' && problem.field === 'tls.ca') || (key === 'cert' && problem.field === 'tls.cert') || (key === 'key' && problem.field === 'tls.key'))));
  };
  const problem = (field: string) => problemFor(problems, field);
  const fieldsShown = useMemo(() => shownFields(form), [form]);
  const builtIn = form.kind === 'builtin';
  const hasSession = useGauge((s) => s.activeProfile !== null && s.connectAttempt.phase !== 'idle');
  const connected = hasSession || connectionState !== 'disconnected';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setProblems(await connectWith(profileInput(form)));
    } finally {
      setBusy(false);
    }
  };

  const onSave = async () => {
    setBusy(true);
    try {
      const { problems: found, saved } = await saveProfile(profileInput(form));
      setProblems(found);
      if (saved) {
        setSelectedId(saved.id);
        setForm((current) => ({ ...formFromProfile(saved), password: current.password, ca: current.ca, cert: current.cert, key: current.key }));
      }
    } finally {
      setBusy(false);
    }
  };

  const onSelect = (id: string) => {
    const profile = profiles.find((p) => p.id === id);
    if (!profile) return;
    setSelectedId(id);
    setForm(formFromProfile(profile));
    setProblems([]);
  };

  return (
    <Panel
      title={t('connect.title')}
      className="connect-panel"
      actions={
        <ProfileActions
          selectedId={selectedId ?? ''}
          onNew={() => {
            setSelectedId('');
            setForm(newProfileForm());
            setProblems([]);
          }}
          onSave={() => void onSave()}
          onDelete={() => {
            if (!selectedId) return;
            setBusy(true);
            void deleteProfile(selectedId).finally(() => {
              setBusy(false);
              setSelectedId(null);
            });
          }}
          canSave={!builtIn}
          busy={busy}
        />
      }
    >
      <ProfilePicker selectedId={selectedId ?? ''} onSelect={onSelect} />
      {builtIn ? <BuiltInBrokerNote /> : null}
      <form className="connect-form" aria-label={t('connect.formLabel')} onSubmit={(event) => void onSubmit(event)} noValidate>
        {!builtIn ? (
          <>
            <TextField label={t('connect.name')} name="name" value={form.name} onValue={(name) => edit({ name })} problem={problem('name')} placeholder={t('connect.namePlaceholder')} />
            <div className="field-row host-port">
              <TextField label={t('connect.host')} name="host" value={form.host} onValue={(host) => edit({ host })} problem={problem('host')} />
              <NumberField label={t('connect.port')} name="port" value={form.port} onValue={(port) => edit({ port })} problem={problem('port')} />
            </div>
            <div className="field-row">
              <SelectField
                label={t('connect.transport')}
                name="transport"
                value={form.transport}
                options={TRANSPORTS.map((value) => ({ value, label: t(`transport.${value}`) }))}
                onValue={(transport) => edit({ transport })}
                problem={problem('transport')}
              />
              <SelectField
                label={t('connect.version')}
                name="protocolVersion"
                value={String(form.protocolVersion) as '4' | '5'}
                options={[
                  { value: '4', label: t('connect.version311') },
                  { value: '5', label: t('connect.version5') },
                ]}
                onValue={(value) => edit({ protocolVersion: value === '5' ? 5 : 4 })}
                problem={problem('protocolVersion')}
              />
            </div>
            {usesWebSocket(form.transport) ? <TextField label={t('connect.wsPath')} name="wsPath" value={form.wsPath} onValue={(wsPath) => edit({ wsPath })} problem={problem('wsPath')} /> : null}
            <div className="field-row">
              <TextField label={t('connect.username')} name="username" value={form.username} onValue={(username) => edit({ username })} problem={problem('username')} autoComplete="username" />
              <TextField
                label={t('connect.password')}
                name="password"
                type="password"
                value={form.password}
                onValue={(password) => edit({ password })}
                problem={problem('password')}
                autoComplete="current-password"
                placeholder={form.hasSavedPassword ? t('connect.passwordSaved') : ''}
              />
            </div>
            {usesTls(form.transport) ? (
              <fieldset className="tls-fields">
                <legend>{t('connect.tls.title')}</legend>
                <Switch label={t('connect.tls.verify')} checked={form.rejectUnauthorized} onChange={(rejectUnauthorized) => edit({ rejectUnauthorized })} />
                {!form.rejectUnauthorized ? <p className="field-hint warning-text">{t('connect.tls.verifyOffWarning')}</p> : null}
                <PemField label={t('connect.tls.ca')} fileLabel={t('connect.tls.loadCa')} name="tls.ca" value={form.ca} onValue={(ca) => edit({ ca })} problem={problem('tls.ca')} saved={form.savedTls.ca} />
                <PemField label={t('connect.tls.cert')} fileLabel={t('connect.tls.loadCert')} name="tls.cert" value={form.cert} onValue={(cert) => edit({ cert })} problem={problem('tls.cert')} saved={form.savedTls.cert} />
                <PemField label={t('connect.tls.key')} fileLabel={t('connect.tls.loadKey')} name="tls.key" value={form.key} onValue={(key) => edit({ key })} problem={problem('tls.key')} saved={form.savedTls.key} />
              </fieldset>
            ) : null}
          </>
        ) : null}
        <div className="field-row">
          <TextField label={t('connect.clientId')} name="clientId" value={form.clientId} onValue={(clientId) => edit({ clientId })} problem={problem('clientId')} placeholder={t('connect.clientIdPlaceholder')} />
          <NumberField label={t('connect.keepAlive')} name="keepAlive" className="narrow" value={form.keepAlive} onValue={(keepAlive) => edit({ keepAlive })} problem={problem('keepAlive')} />
        </div>
        <div className="field-row">
          <NumberField label={t('connect.capacity')} name="capacity" value={form.capacity} onValue={(capacity) => edit({ capacity })} problem={problem('capacity')} />
          <NumberField label={t('connect.inflight')} name="inflight" value={form.inflight} onValue={(inflight) => edit({ inflight })} problem={problem('inflight')} />
        </div>
        <div className="field-row align-end">
          <SelectField
            label={t('connect.policy')}
            name="policy"
            value={form.policy}
            options={OVERFLOW_POLICIES.map((value) => ({ value, label: t(`policy.${value}`) }))}
            onValue={(policy) => edit({ policy })}
            problem={problem('policy')}
          />
          <Switch label={t('connect.cleanSession')} checked={form.cleanSession} onChange={(cleanSession) => edit({ cleanSession })} />
        </div>
        <div className="button-row form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('connect.connect')}
          </button>
          <button type="button" onClick={() => void disconnect()} disabled={busy || !connected}>
            {t('connect.disconnect')}
          </button>
        </div>
        <ConnectOutcome formFieldsShown={fieldsShown} />
      </form>
    </Panel>
  );
}
