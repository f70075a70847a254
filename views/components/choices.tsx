import type { Child } from 'hono/jsx';
import { describedBy, FieldError, FieldHint } from './field-parts';
import type { SelectOption } from './form';

/**
 * One checkbox with its label after it, its error above and its hint below. `value` is what a
 * checked box sends ("on" unless given); `describedBy` names a description elsewhere on the page.
 */
export function CheckboxField(props: { name: string; label: string; checked: boolean; value?: string; hint?: string; error?: string; describedBy?: string }) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--checkbox${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
        <input
          type="checkbox"
          class={`utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom${props.error ? ' utrecht-checkbox--invalid' : ''}`}
          id={props.name}
          name={props.name}
          value={props.value ?? 'on'}
          checked={props.checked}
          aria-describedby={props.describedBy ?? describedBy(props.name, props.hint, props.error)}
          aria-invalid={props.error ? 'true' : undefined}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
          {props.label}
        </label>
      </div>
      <FieldHint name={props.name} hint={props.hint} />
    </div>
  );
}

/**
 * A question with one answer out of a few: a fieldset of radio buttons with its legend, hint and
 * error. `layout` "scale" puts them in a row (1–10), "list" under each other. An option's `icon`
 * (decorative, aria-hidden) goes inside its label before the words, so clicking it chooses too.
 */
export function RadioGroup(props: {
  name: string;
  legend: string;
  legendLang?: string;
  hint?: string;
  /** An option's `lang`: set when its label is in another language than the page (a fallback to Dutch). */
  options: readonly { value: string; label: string; icon?: Child; lang?: string }[];
  layout: 'list' | 'scale';
  value?: string;
  error?: string;
  /** Not required: it may be left empty. */
  optional?: boolean;
}) {
  const invalid = Boolean(props.error);
  return (
    <div class="utrecht-form-field">
      <Fieldset legend={props.legend} legendLang={props.legendLang} invalid={invalid} describedBy={describedBy(props.name, props.hint, props.error)}>
        <FieldHint name={props.name} hint={props.hint} />
        <FieldError id={`${props.name}-fout`} message={props.error} />
        <div class={props.layout === 'scale' ? 'mh-scale' : 'mh-radio-list'}>
          {props.options.map((option) => {
            const id = `${props.name}-${option.value}`;
            return (
              <div class="utrecht-form-field utrecht-form-field--radio" data-hook="option">
                <div class="utrecht-form-field__input">
                  <input
                    type="radio"
                    class={`utrecht-radio-button utrecht-radio-button--html-input${invalid ? ' utrecht-radio-button--invalid' : ''}`}
                    id={id}
                    name={props.name}
                    value={option.value}
                    checked={props.value === option.value}
                    required={!props.optional}
                    aria-invalid={invalid ? 'true' : undefined}
                  />
                </div>
                <div class="utrecht-form-field__label">
                  <label class={`utrecht-form-label utrecht-form-label--radio${option.icon ? ' mh-label-with-icon' : ''}`} for={id} lang={option.lang}>
                    {option.icon}
                    {option.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}

/** A group of fields under one legend. */
export function Fieldset(props: { legend: string; legendLang?: string; invalid?: boolean; describedBy?: string; children?: Child }) {
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${props.invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={props.describedBy}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend" lang={props.legendLang} dir={props.legendLang ? 'auto' : undefined}>
        {props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}

/** A select whose label only screen readers see, for one row of a table (the row says what it is about). */
export function RowSelect(props: { id: string; name: string; label: string; value: string; options: SelectOption[] }) {
  return (
    <>
      <label class="utrecht-form-label mh-visually-hidden" for={props.id}>
        {props.label}
      </label>
      <select class="utrecht-select utrecht-select--html-select" id={props.id} name={props.name}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** A checkbox choosing one row of a table for a form elsewhere on the page (`form`: that form's id). */
export function RowCheckbox(props: { id: string; name: string; value: string; form: string; label: string }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom" id={props.id} name={props.name} value={props.value} form={props.form} />
      <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.id}>
        {props.label}
      </label>
    </div>
  );
}
