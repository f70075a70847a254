import type { Child } from 'hono/jsx';
import { nl } from '../../src/texts';

export type FieldErrors = Record<string, string | undefined>;

/** The error summary at the top of a form: links to each field with a problem. */
export function ErrorSummary({ errors, targets }: { errors: FieldErrors; targets?: Record<string, string> }) {
  const fields = Object.keys(errors).filter((field) => errors[field]);
  if (fields.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error" role="group" aria-labelledby="foutoverzicht-titel" id="foutoverzicht">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="foutoverzicht-titel">
          {nl.survey.errorSummaryTitle}
        </h2>
        <ul>
          {fields.map((field) => (
            <li>
              <a class="utrecht-link" href={`#${targets?.[field] ?? field}`}>
                {errors[field]}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A notice (info, ok, warning, error) with role=status so screen readers announce it. */
export function Notice({ kind, children }: { kind: 'info' | 'ok' | 'warning' | 'error'; children?: Child }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">{children}</p>
      </div>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="utrecht-form-field-error-message" id={id}>
      <span class="mh-visually-hidden">Fout: </span>
      {message}
    </p>
  ) : null;
}

export interface TextFieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'search';
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'text';
  maxlength?: number;
}

/** A labelled text input with its hint and error, NL Design System markup. */
export function TextField(props: TextFieldProps) {
  const hintId = `${props.name}-uitleg`;
  const errorId = `${props.name}-fout`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.hint ? (
        <p class="utrecht-form-field-description" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={props.error} />
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${props.error ? ' utrecht-textbox--invalid' : ''}`}
          id={props.name}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? undefined : props.value}
          autocomplete={props.autocomplete}
          required={props.required}
          inputmode={props.inputmode}
          maxlength={props.maxlength}
          aria-describedby={describedBy || undefined}
          aria-invalid={props.error ? 'true' : undefined}
        />
      </div>
    </div>
  );
}

/** A POST form with one submit button: logout, revoke, … */
export function ActionButton(props: { action: string; label: string; variant?: 'primary' | 'secondary' | 'subtle'; hidden?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="mh-inline-form">
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`utrecht-button utrecht-button--${props.variant ?? 'secondary'}-action`}>
        {props.label}
      </button>
    </form>
  );
}

/** A labelled select; `mh-filter` lays it out in filter bars. */
export function Select(props: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--select mh-filter">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <select class="utrecht-select utrecht-select--html-select" id={props.name} name={props.name}>
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function DateField(props: { name: 'van' | 'tot'; label: string; value: string; error?: string }) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--text mh-filter${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          type="date"
          id={props.name}
          name={props.name}
          value={props.value}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${props.name}-fout` : undefined}
        />
      </div>
    </div>
  );
}
