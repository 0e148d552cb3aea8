// Labelled form controls. Every control has a visible label (its accessible
// name) and, when a problem concerns it, aria-invalid and a description.
import { useId, type ChangeEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { FieldProblem } from '../../forms/problems.js';
import { FieldError } from './FieldError.js';
import './fields.css';

interface FieldFrame {
  label: string;
  problem?: FieldProblem | undefined;
  hint?: ReactNode;
  className?: string;
  /** Suffix of the error's data-testid: field-error-<name>. */
  name?: string;
}

function describedBy(errorId: string, hintId: string, problem: FieldProblem | undefined, hint: ReactNode): string | undefined {
  const ids = [problem ? errorId : null, hint ? hintId : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField({
  label,
  problem,
  hint,
  className,
  name,
  value,
  onValue,
  ...input
}: FieldFrame & { value: string; onValue(value: string): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name'>) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        {...input}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onValue(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, problem, hint)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} problem={problem} testId={name ? `field-error-${name}` : undefined} />
    </div>
  );
}

/** A number typed as text, so that anything typed reaches the schema and gets its message. */
export function NumberField(props: FieldFrame & { value: string; onValue(value: string): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name'>) {
  return <TextField inputMode="numeric" {...props} className={`number-field ${props.className ?? ''}`} />;
}

export function TextArea({
  label,
  problem,
  hint,
  className,
  name,
  value,
  onValue,
  ...area
}: FieldFrame & { value: string; onValue(value: string): void } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'name'>) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        spellCheck={false}
        {...area}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, problem, hint)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} problem={problem} testId={name ? `field-error-${name}` : undefined} />
    </div>
  );
}

export function SelectField<V extends string>({
  label,
  problem,
  hint,
  className,
  name,
  value,
  options,
  onValue,
  ...select
}: FieldFrame & { value: V; options: ReadonlyArray<{ value: V; label: string }>; onValue(value: V): void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'name'>) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        {...select}
        value={value}
        onChange={(event) => onValue(event.target.value as V)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, problem, hint)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} problem={problem} testId={name ? `field-error-${name}` : undefined} />
    </div>
  );
}

/** An on/off control: a button with role="switch", named by its label. */
export function Switch({
  label,
  checked,
  onChange,
  disabled,
  className,
  testId,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  className?: string;
  testId?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className={`switch-field ${className ?? ''}`}>
      <button
        type="button"
        role="switch"
        id={id}
        aria-checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        disabled={disabled}
        className="switch"
        data-testid={testId}
        onClick={() => onChange(!checked)}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">{label}</span>
      </button>
      {hint ? (
        <span id={`${id}-hint`} className="visually-hidden">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A choice among a few, as radio buttons drawn as one segmented control. */
export function SegmentedChoice<V extends string | number>({
  label,
  value,
  options,
  onValue,
  disabled,
  className,
  hideLabel,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string; title?: string; ariaLabel?: string }>;
  onValue(value: V): void;
  disabled?: boolean;
  className?: string;
  hideLabel?: boolean;
}) {
  const id = useId();
  return (
    <div className={`segmented ${className ?? ''}`}>
      <span id={`${id}-label`} className={hideLabel ? 'visually-hidden' : 'segmented-label'}>
        {label}
      </span>
      <div className="segments" role="radiogroup" aria-labelledby={`${id}-label`}>
        {options.map((option) => (
          <label key={String(option.value)} className={option.value === value ? 'segment checked' : 'segment'} title={option.title}>
            <input type="radio" name={id} value={String(option.value)} checked={option.value === value} disabled={disabled} aria-label={option.ariaLabel} onChange={() => onValue(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
