// The load generator panel: rate, burst, when to stop, payload size, QoS, publish mode and stamps, checked by the shared schema, then started or stopped.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandInput } from '../../../../shared/schemas.js';
import type { PublishMode, QoS } from '../../../../shared/domain.js';
import { startLoad, stopLoad } from '../../actions/load.js';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import { parseTyped } from '../common/numbers.js';
import { NumberField, SelectField, Switch, TextField } from '../common/fields.js';
import { Panel } from '../common/Panel.js';
import { useGauge } from '../../store/store.js';
import { LoadProgress } from './LoadProgress.js';
import './load.css';

type StopAfter = 'never' | 'count' | 'duration';

interface LoadForm {
  topic: string;
  rate: string;
  burst: string;
  stopAfter: StopAfter;
  count: string;
  durationSec: string;
  payloadSize: string;
  qos: '0' | '1' | '2';
  mode: PublishMode;
  stamp: boolean;
}

const INITIAL: LoadForm = { topic: 'gauge/load', rate: '1000', burst: '10', stopAfter: 'duration', count: '10000', durationSec: '30', payloadSize: '64', qos: '0', mode: 'tryPublish', stamp: true };

function specFrom(form: LoadForm): CommandInput<'startLoad'> {
  const spec: CommandInput<'startLoad'> = {
    topic: form.topic,
    rate: parseTyped(form.rate),
    burst: parseTyped(form.burst),
    payloadSize: parseTyped(form.payloadSize),
    qos: Number(form.qos) as QoS,
    mode: form.mode,
    stamp: form.stamp,
  };
  if (form.stopAfter === 'count') spec.count = parseTyped(form.count);
  if (form.stopAfter === 'duration') spec.durationSec = parseTyped(form.durationSec);
  return spec;
}

/** Generate load: rate, bursts, how long, payload size, QoS and mode; start, stop and live progress. */
export function LoadPanel() {
  const { t } = useTranslation();
  const running = useGauge((s) => s.load.running);
  const [form, setForm] = useState<LoadForm>(INITIAL);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const edit = (change: Partial<LoadForm>) => {
    setForm((current) => ({ ...current, ...change }));
    const fields = Object.keys(change);
    setProblems((current) => current.filter((problem) => !fields.includes(problem.field)));
  };
  const problem = (field: string) => problemFor(problems, field);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setProblems(await startLoad(specFrom(form)));
    } finally {
      setBusy(false);
    }
  };
  const unplaced = problems.filter((p) => !['topic', 'rate', 'burst', 'count', 'durationSec', 'payloadSize', 'qos', 'mode', 'stamp'].includes(p.field));

  return (
    <Panel title={t('load.title')} className="load-panel">
      <form aria-label={t('load.formLabel')} onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField label={t('load.topic')} name="load-topic" value={form.topic} onValue={(topic) => edit({ topic })} problem={problem('topic')} />
        <div className="field-row">
          <NumberField label={t('load.rate')} name="rate" value={form.rate} onValue={(rate) => edit({ rate })} problem={problem('rate')} />
          <NumberField label={t('load.burst')} name="burst" value={form.burst} onValue={(burst) => edit({ burst })} problem={problem('burst')} />
        </div>
        <div className="field-row">
          <SelectField
            label={t('load.stopAfter')}
            value={form.stopAfter}
            options={[
              { value: 'duration', label: t('load.stopAfterDuration') },
              { value: 'count', label: t('load.stopAfterCount') },
              { value: 'never', label: t('load.stopAfterNever') },
            ]}
            onValue={(stopAfter) => edit({ stopAfter })}
          />
          {form.stopAfter === 'count' ? <NumberField label={t('load.count')} name="count" value={form.count} onValue={(count) => edit({ count })} problem={problem('count')} /> : null}
          {form.stopAfter === 'duration' ? <NumberField label={t('load.duration')} name="durationSec" value={form.durationSec} onValue={(durationSec) => edit({ durationSec })} problem={problem('durationSec')} /> : null}
        </div>
        <div className="field-row three">
          <NumberField label={t('load.payloadSize')} name="payloadSize" value={form.payloadSize} onValue={(payloadSize) => edit({ payloadSize })} problem={problem('payloadSize')} />
          <SelectField label={t('load.qos')} value={form.qos} options={(['0', '1', '2'] as const).map((value) => ({ value, label: value }))} onValue={(qos) => edit({ qos })} problem={problem('qos')} />
          <SelectField
            label={t('load.mode')}
            value={form.mode}
            options={[
              { value: 'tryPublish', label: t('publishMode.tryPublish') },
              { value: 'publish', label: t('publishMode.publish') },
            ]}
            onValue={(mode) => edit({ mode })}
            problem={problem('mode')}
          />
        </div>
        <Switch label={t('load.stamp')} checked={form.stamp} onChange={(stamp) => edit({ stamp })} testId="load-stamp" />
        {unplaced.map((p, i) => (
          <p key={i} role="alert" className="field-error">
            {p.key ? t(p.key, p.params) : p.text}
          </p>
        ))}
        <div className="button-row form-actions">
          <button type="submit" className="primary" disabled={busy || running}>
            {t('load.start')}
          </button>
          <button type="button" className="danger" disabled={!running} onClick={() => void stopLoad()}>
            {t('load.stop')}
          </button>
        </div>
      </form>
      <LoadProgress />
    </Panel>
  );
}
