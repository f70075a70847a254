import type { Child } from 'hono/jsx';
import { nl } from '../../src/texts';
import { describedBy, FieldError, FieldLabel, LabelledField } from './field-parts';

export type FieldErrors = Record<string, string | undefined>;

/** The error summary at the top of a form: links to each field with a problem (`targets`: a field's input id when it is not the field's name). */
/** `title` says what happened ("Inloggen is niet gelukt"); the default only asks to check the form. */
export function ErrorSummary({ errors, targets, intro, title }: { errors: FieldErrors; targets?: Record<string, string>; intro?: string; title?: string }) {
  const fields = Object.keys(errors).filter((field) => errors[field]);
  if (fields.length === 0) return null;
  return (
    <Alert kind="error" role="group" labelledBy="foutoverzicht-titel" id="foutoverzicht">
      <h2 class="utrecht-heading-2" id="foutoverzicht-titel">
        {title ?? nl.errorSummaryTitle}
      </h2>
      {intro ? <p class="utrecht-paragraph">{intro}</p> : null}
      <ul>
        {fields.map((field) => (
          <li>
            <a class="utrecht-link" href={`#${targets?.[field] ?? field}`}>
              {errors[field]}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export type AlertKind = 'info' | 'ok' | 'warning' | 'error';

/** An NL Design System (Utrecht) alert around blocks of content: a heading, paragraphs, a list. */
export function Alert(props: { kind: AlertKind; role: 'status' | 'alert' | 'group'; labelledBy?: string; id?: string; tabindex?: number; children?: Child }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${props.kind}`} role={props.role} aria-labelledby={props.labelledBy} id={props.id} tabindex={props.tabindex}>
      <div class="utrecht-alert__content">{props.children}</div>
    </div>
  );
}

/** A notice (info, ok, warning, error) with role=status so screen readers announce it. */
export function Notice({ kind, children }: { kind: AlertKind; children?: Child }) {
  return (
    <Alert kind={kind} role={kind === 'error' ? 'alert' : 'status'}>
      <p class="utrecht-paragraph">{children}</p>
    </Alert>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'search';
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'text';
  maxlength?: number;
  /** The language of the value, when it is not the page's (a question in Arabic); `dir="auto"` then shows right-to-left text right. */
  valueLang?: string;
}

/** A labelled text input with its hint and error, NL Design System markup. */
export function TextField(props: TextFieldProps) {
  return (
    <LabelledField name={props.name} label={props.label} hint={props.hint} error={props.error}>
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
        lang={props.valueLang}
        dir={props.valueLang ? 'auto' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </LabelledField>
  );
}

/** A labelled file input with its hint and error. */
export function FileField(props: { name: string; label: string; hint?: string; error?: string; accept: string; required?: boolean }) {
  return (
    <LabelledField name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <input
        class="mh-file-input"
        type="file"
        id={props.name}
        name={props.name}
        accept={props.accept}
        required={props.required}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </LabelledField>
  );
}

/** A labelled multi-line text field with its hint and error. */
export function TextAreaField(props: { name: string; label: string; value?: string; hint?: string; error?: string; rows?: number; maxlength?: number }) {
  return (
    <LabelledField name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </LabelledField>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** Options of a select; a group with a label becomes an optgroup. */
export interface OptionGroup {
  label?: string;
  options: SelectOption[];
}

/**
 * A labelled select for a form (not a filter bar), with its hint and error. The options: an
 * optional first `placeholder` (value ""), then `options`, then `groups`.
 */
export function SelectField(props: {
  name: string;
  label: string;
  value?: string;
  placeholder?: string;
  options?: SelectOption[];
  groups?: OptionGroup[];
  hint?: string;
  error?: string;
  required?: boolean;
}) {
  const option = (o: SelectOption) => (
    <option value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <LabelledField name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <select
        class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
        id={props.name}
        name={props.name}
        required={props.required}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder === undefined ? null : <option value="">{props.placeholder}</option>}
        {(props.options ?? []).map(option)}
        {(props.groups ?? []).map((group) => (group.label ? <optgroup label={group.label}>{group.options.map(option)}</optgroup> : group.options.map(option)))}
      </select>
    </LabelledField>
  );
}

/** A value shown once to copy (a new key or link): a labelled read-only box, not sent with a form. */
export function CopyBox(props: { id: string; label: string; value: string }) {
  return (
    <div class="utrecht-form-field">
      <FieldLabel name={props.id} label={props.label} />
      <div class="utrecht-form-field__input">
        <textarea class="utrecht-textarea utrecht-textarea--html-textarea utrecht-textarea--read-only mh-shown-once" id={props.id} readonly rows={3} spellcheck={false} autocomplete="off">
          {props.value}
        </textarea>
      </div>
    </div>
  );
}

/** A labelled select. */
export function Select(props: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="utrecht-form-field">
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
    <div class={`utrecht-form-field${props.error ? ' utrecht-form-field--invalid' : ''}`}>
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
