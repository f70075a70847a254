// The parts every labelled field is made of: label, hint, error and the ids that tie them to the control.
import type { Child } from 'hono/jsx';

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="utrecht-form-field-error-message" id={id}>
      <span class="mh-visually-hidden">Fout: </span>
      {message}
    </p>
  ) : null;
}

/** The ids a field's hint and error carry, for aria-describedby (undefined when it has neither). */
export function describedBy(name: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${name}-uitleg` : '', error ? `${name}-fout` : ''].filter(Boolean).join(' ') || undefined;
}

export function FieldLabel({ name, label }: { name: string; label: string }) {
  return (
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for={name}>
        {label}
      </label>
    </div>
  );
}

export function FieldHint({ name, hint }: { name: string; hint?: string }) {
  return hint ? (
    <p class="utrecht-form-field-description" id={`${name}-uitleg`}>
      {hint}
    </p>
  ) : null;
}

/** The frame of a labelled form field: label, hint and error above the control (`children`). */
export function LabelledField(props: { name: string; label: string; hint?: string; error?: string; children: Child }) {
  return (
    <div class={`utrecht-form-field${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <FieldLabel name={props.name} label={props.label} />
      <FieldHint name={props.name} hint={props.hint} />
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}
