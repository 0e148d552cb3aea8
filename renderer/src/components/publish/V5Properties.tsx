// The publish panel's MQTT 5 properties: content type, response topic, message expiry and user properties.
import { useTranslation } from 'react-i18next';
import { problemFor, type FieldProblem } from '../../forms/problems.js';
import type { PublishDraft } from '../../store/slices/publish.js';
import { FieldError } from '../common/FieldError.js';
import { NumberField, TextField } from '../common/fields.js';

/** MQTT 5 publish properties: content type, response topic, expiry and user properties. */
export function V5Properties({ draft, onChange, problems }: { draft: PublishDraft; onChange(change: Partial<PublishDraft>): void; problems: FieldProblem[] }) {
  const { t } = useTranslation();
  const setUserProperty = (index: number, change: Partial<{ name: string; value: string }>) =>
    onChange({ userProperties: draft.userProperties.map((property, i) => (i === index ? { ...property, ...change } : property)) });
  return (
    <fieldset className="v5-properties">
      <legend>{t('publish.v5.title')}</legend>
      <div className="field-row">
        <TextField label={t('publish.v5.contentType')} name="contentType" value={draft.contentType} onValue={(contentType) => onChange({ contentType })} problem={problemFor(problems, 'contentType')} placeholder="application/json" />
        <NumberField label={t('publish.v5.expiry')} name="messageExpiry" value={draft.messageExpiry} onValue={(messageExpiry) => onChange({ messageExpiry })} problem={problemFor(problems, 'messageExpiry')} />
      </div>
      <TextField label={t('publish.v5.responseTopic')} name="responseTopic" value={draft.responseTopic} onValue={(responseTopic) => onChange({ responseTopic })} problem={problemFor(problems, 'responseTopic')} />
      <div className="user-properties">
        <span className="sub-label">{t('publish.v5.userProperties')}</span>
        {draft.userProperties.map((property, i) => (
          <div className="user-property" key={i}>
            <input aria-label={t('publish.v5.propertyName', { n: i + 1 })} placeholder={t('publish.v5.name')} value={property.name} onChange={(event) => setUserProperty(i, { name: event.target.value })} />
            <input aria-label={t('publish.v5.propertyValue', { n: i + 1 })} placeholder={t('publish.v5.value')} value={property.value} onChange={(event) => setUserProperty(i, { value: event.target.value })} />
            <button type="button" className="icon-button" aria-label={t('publish.v5.removeProperty', { n: i + 1 })} onClick={() => onChange({ userProperties: draft.userProperties.filter((_, j) => j !== i) })}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => onChange({ userProperties: [...draft.userProperties, { name: '', value: '' }] })}>
          {t('publish.v5.addProperty')}
        </button>
        <FieldError id="user-properties-error" problem={problemFor(problems, 'userProperties')} testId="field-error-userProperties" />
      </div>
    </fieldset>
  );
}
