// A TLS PEM field (CA, client certificate or key), pasted or loaded from a file; one already saved shows as a hint, not as text.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../forms/problems.js';
import { TextArea } from '../common/fields.js';

/** A PEM (CA, certificate or key): pasted, or loaded from a file as text. */
export function PemField({ label, fileLabel, value, onValue, problem, saved, name }: { label: string; fileLabel: string; value: string; onValue(value: string): void; problem: FieldProblem | undefined; saved: boolean; name: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <div className="pem-field">
      <TextArea
        label={label}
        name={name}
        rows={2}
        value={value}
        onValue={onValue}
        problem={problem}
        placeholder="-----BEGIN …-----"
        hint={saved && value === '' ? t('connect.tls.savedPem') : undefined}
      />
      <input
        ref={input}
        id={id}
        type="file"
        className="visually-hidden"
        accept=".pem,.crt,.cer,.key,text/plain"
        aria-label={fileLabel}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void file.text().then(onValue);
          event.target.value = '';
        }}
      />
      <button type="button" className="link-button" onClick={() => input.current?.click()}>
        {fileLabel}
      </button>
    </div>
  );
}
