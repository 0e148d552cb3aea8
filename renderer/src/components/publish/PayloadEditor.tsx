// The publish panel's payload: its format (text, JSON, hex, base64) and its text, checked as it is typed.
import { useTranslation } from 'react-i18next';
import { PAYLOAD_FORMATS } from '../../../../shared/domain.js';
import { checkPayload } from '../../../../shared/payload.js';
import type { FieldProblem } from '../../forms/problems.js';
import { useFormat } from '../../i18n/format-hook.js';
import type { PublishDraft } from '../../store/slices/publish.js';
import { SelectField, TextArea } from '../common/fields.js';

/** The payload and its format (text, JSON, hex, base64), checked as it is typed. */
export function PayloadEditor({ draft, onChange, problem }: { draft: PublishDraft; onChange(change: Partial<PublishDraft>): void; problem: FieldProblem | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const check = checkPayload(draft.payload, draft.format);
  const canPrettify = draft.format === 'json' && check.ok && draft.payload.trim() !== '';
  return (
    <div className="payload-editor">
      <div className="payload-toolbar">
        <SelectField
          className="compact"
          label={t('publish.format')}
          value={draft.format}
          options={PAYLOAD_FORMATS.map((value) => ({ value, label: t(`payloadFormat.${value}`) }))}
          onValue={(format) => onChange({ format })}
        />
        {canPrettify ? (
          <button type="button" className="link-button" onClick={() => onChange({ payload: JSON.stringify(JSON.parse(draft.payload), null, 2) })}>
            {t('publish.prettify')}
          </button>
        ) : null}
        <span className={check.ok ? 'payload-check ok' : 'payload-check bad'} data-testid="payload-check" aria-hidden="true">
          {check.ok ? (draft.format === 'json' ? t('publish.jsonValid', { size: f.bytes(check.bytes) }) : f.bytes(check.bytes)) : t('publish.payloadInvalid')}
        </span>
      </div>
      <TextArea label={t('publish.payload')} name="payload" className="payload-text" rows={4} value={draft.payload} onValue={(payload) => onChange({ payload })} problem={problem} />
    </div>
  );
}
