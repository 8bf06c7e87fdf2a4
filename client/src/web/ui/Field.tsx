import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Keep the label for screen readers only (compact toolbars). */
  hideLabel?: boolean;
  className?: string;
}

function describedBy(id: string, hint: ReactNode, error: string | null | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Chrome({ id, label, hint, error, hideLabel, className, children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  hideLabel,
  className,
  icon,
  ...input
}: FieldChrome & InputHTMLAttributes<HTMLInputElement> & { icon?: ReactNode }) {
  const generated = useId();
  const id = input.id ?? generated;
  const control = (
    <input
      {...input}
      id={id}
      className="input"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, hint, error)}
    />
  );
  return (
    <Chrome id={id} label={label} hint={hint} error={error} hideLabel={hideLabel} className={className}>
      {icon ? (
        <span className="input-with-icon">
          {icon}
          {control}
        </span>
      ) : (
        control
      )}
    </Chrome>
  );
}

export function TextAreaField({ label, hint, error, hideLabel, className, ...input }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const id = input.id ?? generated;
  return (
    <Chrome id={id} label={label} hint={hint} error={error} hideLabel={hideLabel} className={className}>
      <textarea
        {...input}
        id={id}
        className="textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </Chrome>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A native select (keyboard and screen-reader friendly everywhere), highlighted when it filters. */
export function SelectField({
  label,
  hint,
  error,
  hideLabel,
  className,
  options,
  highlightWhenSet,
  ...select
}: FieldChrome & SelectHTMLAttributes<HTMLSelectElement> & { options: ReadonlyArray<SelectOption>; highlightWhenSet?: boolean }) {
  const generated = useId();
  const id = select.id ?? generated;
  const isSet = highlightWhenSet && select.value !== undefined && select.value !== '';
  return (
    <Chrome id={id} label={label} hint={hint} error={error} hideLabel={hideLabel} className={className}>
      <span className="select-wrap">
        <select {...select} id={id} className={isSet ? 'select is-set' : 'select'} aria-describedby={describedBy(id, hint, error)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </span>
    </Chrome>
  );
}

/** A labelled on/off setting row: a real checkbox, drawn as a switch. */
export function SwitchRow({
  label,
  description,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  description: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="switch-row">
      <div className="switch-text">
        <label className="switch-title" htmlFor={id}>
          {label}
        </label>
        <p className="muted" id={`${id}-description`}>
          {description}
        </p>
      </div>
      <span className="switch">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={`${id}-description`}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
      </span>
    </div>
  );
}
