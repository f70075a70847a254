import { FieldError } from '../components/form';

/** Hint and error ids of a field, for aria-describedby. */
function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `${name}-uitleg` : '', error ? `${name}-fout` : ''].filter(Boolean).join(' ') || undefined;
}

function Label({ name, label }: { name: string; label: string }) {
  return (
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for={name}>
        {label}
      </label>
    </div>
  );
}

function Hint({ name, hint }: { name: string; hint?: string }) {
  return hint ? (
    <p class="utrecht-form-field-description" id={`${name}-uitleg`}>
      {hint}
    </p>
  ) : null;
}

/** A labelled multi-line text field with its hint and error. */
export function TextArea(props: { name: string; label: string; value?: string; hint?: string; error?: string; rows?: number; maxlength?: number }) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <Label name={props.name} label={props.label} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
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
      </div>
    </div>
  );
}

export interface OptionGroup {
  label?: string;
  options: { value: string; label: string }[];
}

/** A labelled select for a form (not a filter bar), with its hint and error; options may come in groups. */
export function SelectField(props: { name: string; label: string; value: string; groups: OptionGroup[]; hint?: string; error?: string; required?: boolean }) {
  const option = (o: { value: string; label: string }) => (
    <option value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <div class={`utrecht-form-field utrecht-form-field--select${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <Label name={props.name} label={props.label} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
          id={props.name}
          name={props.name}
          required={props.required}
          aria-describedby={describedBy(props.name, props.hint, props.error)}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.groups.map((group) => (group.label ? <optgroup label={group.label}>{group.options.map(option)}</optgroup> : group.options.map(option)))}
        </select>
      </div>
    </div>
  );
}

/** One checkbox with its label after it, and an error above. */
export function Checkbox(props: { name: string; label: string; value: string; checked: boolean; error?: string }) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--checkbox${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
        <input
          type="checkbox"
          class={`utrecht-checkbox utrecht-checkbox--html-input${props.error ? ' utrecht-checkbox--invalid' : ''}`}
          id={props.name}
          name={props.name}
          value={props.value}
          checked={props.checked}
          aria-describedby={props.error ? `${props.name}-fout` : undefined}
          aria-invalid={props.error ? 'true' : undefined}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
          {props.label}
        </label>
      </div>
    </div>
  );
}
