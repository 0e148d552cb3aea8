// The subscriptions panel: subscribe to topic filters with a QoS, unsubscribe, and how many messages were received and skipped.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QoS } from '../../../../shared/domain.js';
import { subscribe, unsubscribe } from '../../actions/subscriptions.js';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { useProblemText } from '../common/FieldError.js';
import { SelectField, TextField } from '../common/fields.js';
import { Panel } from '../common/Panel.js';
import './subscriptions.css';

/** Subscribe: add and remove topic filters with their QoS; what arrives is listed under "Incoming messages". */
export function SubscriptionsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const problemText = useProblemText();
  const subscriptions = useGauge((s) => s.subscriptions);
  const received = useGauge((s) => s.receivedTotal);
  const skipped = useGauge((s) => s.skippedTotal);
  const showMessages = useGauge((s) => s.setBottomTab);
  const [filter, setFilter] = useState('gauge/#');
  const [qos, setQos] = useState<'0' | '1' | '2'>('0');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [removeProblems, setRemoveProblems] = useState<FieldProblem[]>([]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = await subscribe(filter, Number(qos) as QoS);
    setProblems(found);
  };
  const other = problems.filter((p) => p.field !== 'filter');

  return (
    <Panel title={t('subscriptions.title')} className="subscriptions-panel">
      <form className="subscribe-form" aria-label={t('subscriptions.formLabel')} onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label={t('subscriptions.filter')}
          name="filter"
          className="grow"
          value={filter}
          onValue={(value) => {
            setFilter(value);
            setProblems([]);
          }}
          problem={problemFor(problems, 'filter')}
        />
        <SelectField<'0' | '1' | '2'> className="narrow" label={t('subscriptions.qos')} aria-label={t('subscriptions.qosLabel')} value={qos} options={(['0', '1', '2'] as const).map((value) => ({ value, label: value }))} onValue={setQos} />
        <button type="submit" className="primary">
          {t('subscriptions.subscribe')}
        </button>
      </form>
      {other.map((p, i) => (
        <p key={i} role="alert" className="field-error">
          {problemText(p)}
        </p>
      ))}
      {subscriptions.length === 0 ? (
        <p className="empty-note">{t('subscriptions.none')}</p>
      ) : (
        <ul className="subscription-list" aria-label={t('subscriptions.listLabel')}>
          {subscriptions.map((subscription) => (
            <li key={subscription.filter}>
              <code className="filter">{subscription.filter}</code>
              <span className="qos-badge">{t('subscriptions.qosBadge', { qos: subscription.qos })}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('subscriptions.unsubscribe', { filter: subscription.filter })}
                title={t('subscriptions.unsubscribe', { filter: subscription.filter })}
                onClick={() => void unsubscribe(subscription.filter).then(setRemoveProblems)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeProblems.map((p, i) => (
        <p key={i} role="alert" className="field-error">
          {problemText(p)}
        </p>
      ))}
      <p className="subscription-counts">
        <span data-testid="messages-received">{t('subscriptions.received', { count: received, formatted: f.count(received) })}</span>
        {skipped > 0 ? (
          <span className="skipped" data-testid="messages-skipped-summary">
            {t('subscriptions.skipped', { count: skipped, formatted: f.count(skipped) })}
          </span>
        ) : null}
        <button type="button" className="link-button" onClick={() => showMessages('messages')}>
          {t('subscriptions.showMessages')}
        </button>
      </p>
    </Panel>
  );
}
