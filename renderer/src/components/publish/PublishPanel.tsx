// The publish panel: compose a message (topic, QoS, retain, payload, MQTT 5 properties), send it with publish or tryPublish, follow its fate.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkDraft, publishDraft } from '../../actions/publish.js';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import type { PublishDraft, PublishRecord } from '../../store/slices/publish.js';
import { useGauge } from '../../store/store.js';
import { SegmentedChoice, Switch, TextField } from '../common/fields.js';
import { Panel } from '../common/Panel.js';
import { PayloadEditor } from './PayloadEditor.js';
import { PublishHistory } from './PublishHistory.js';
import { publishOutcomeText } from './publish-words.js';
import { V5Properties } from './V5Properties.js';
import './publish.css';

/** The newest hand-published message's fate, as a live status line. */
function PublishFeedback() {
  const { t } = useTranslation();
  const f = useFormat();
  const latest = useGauge((s) => s.publishHistory[0]);
  const policy = useGauge((s) => s.policy);
  return (
    <p role="status" className={`publish-status ${latest ? `state-${latest.state}` : ''}`} data-testid="publish-status" data-state={latest?.state ?? 'none'}>
      {latest ? (
        <>
          <span className={`state-chip state-${latest.state}`}>{t(`publishState.${latest.state}`)}</span> {publishOutcomeText(latest, t, f, policy)}
        </>
      ) : (
        t('publish.noneYet')
      )}
    </p>
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Publish by hand: topic, QoS, retain, payload in a format, MQTT 5 properties, publish or tryPublish, and what became of it. */
export function PublishPanel() {
  const { t } = useTranslation();
  const draft = useGauge((s) => s.draft);
  const editDraft = useGauge((s) => s.editDraft);
  const v5 = useGauge((s) => s.activeProfile?.protocolVersion === 5 && s.connectionState === 'connected');
  const [submitted, setSubmitted] = useState<FieldProblem[]>([]);

  // Topic and payload are checked as they are typed; the rest when publishing.
  const live = checkDraft(draft, v5).filter((problem) => problem.field === 'topic' || problem.field === 'payload');
  const problems = [...live, ...submitted.filter((problem) => !live.some((l) => l.field === problem.field))];
  const change = (next: Partial<PublishDraft>) => {
    editDraft(next);
    const fields = Object.keys(next);
    setSubmitted((current) => current.filter((problem) => !fields.includes(problem.field)));
  };

  const send = async (message: PublishDraft) => {
    setSubmitted(await publishDraft(message, v5));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send(useGauge.getState().draft);
    }
  };
  const unplaced = problems.filter((problem) => !['topic', 'payload', 'qos', 'contentType', 'responseTopic', 'messageExpiry', 'userProperties'].includes(problem.field));

  return (
    <Panel title={t('publish.title')} className="publish-panel">
      <form aria-label={t('publish.formLabel')} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <TextField label={t('publish.topic')} name="topic" value={draft.topic} onValue={(topic) => change({ topic })} problem={problemFor(problems, 'topic')} />
        <div className="field-row publish-options">
          <SegmentedChoice label={t('publish.qos')} value={draft.qos} options={[0, 1, 2].map((value) => ({ value: value as 0 | 1 | 2, label: String(value), ariaLabel: t('publish.qosOption', { qos: value }) }))} onValue={(qos) => change({ qos })} />
          <Switch label={t('publish.retain')} checked={draft.retain} onChange={(retain) => change({ retain })} />
        </div>
        <SegmentedChoice
          label={t('publish.mode')}
          className="mode-choice"
          value={draft.mode}
          options={[
            { value: 'publish', label: t('publishMode.publish'), title: t('publish.modeHintPublish') },
            { value: 'tryPublish', label: t('publishMode.tryPublish'), title: t('publish.modeHintTry') },
          ]}
          onValue={(mode) => change({ mode })}
        />
        <p className="field-hint">{draft.mode === 'publish' ? t('publish.modeHintPublish') : t('publish.modeHintTry')}</p>
        <PayloadEditor draft={draft} onChange={change} problem={problemFor(problems, 'payload')} />
        {v5 ? <V5Properties draft={draft} onChange={change} problems={problems} /> : <p className="field-hint">{t('publish.v5.unavailable')}</p>}
        {unplaced.map((problem, i) => (
          <p key={i} role="alert" className="field-error">
            {problem.key ? t(problem.key, problem.params) : problem.text}
          </p>
        ))}
        <div className="button-row form-actions">
          <button type="submit" className="primary" aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}>
            {t('publish.send')}
          </button>
          <span className="shortcut-hint" aria-hidden="true">
            {isMac ? '⌘ ↵' : 'Ctrl ↵'}
          </span>
        </div>
        <PublishFeedback />
      </form>
      <h3 className="sub-heading">{t('publish.history.title')}</h3>
      <PublishHistory
        onResend={(record: PublishRecord) => void send(record.draft)}
        onEdit={(record: PublishRecord) => {
          editDraft(record.draft);
          setSubmitted([]);
        }}
      />
    </Panel>
  );
}
