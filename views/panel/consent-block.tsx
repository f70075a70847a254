import type { ConsentText } from '../../src/consent-text';
import { nl } from '../../src/texts';

export interface ConsentBlockProps {
  text: ConsentText;
  values: Record<string, string>;
  errors: Record<string, string>;
}

const errorId = (field: string) => `${field}-fout`;

function TextField(props: { name: string; label: string; type: string; autocomplete: string; hint?: string; values: Record<string, string>; errors: Record<string, string> }) {
  const invalid = Boolean(props.errors[props.name]);
  const hintId = `${props.name}-uitleg`;
  const describedBy = [props.hint ? hintId : '', invalid ? errorId(props.name) : ''].filter(Boolean).join(' ');
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${invalid ? ' utrecht-form-field--invalid' : ''}`}>
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
      {invalid ? (
        <p class="utrecht-form-field-error-message" id={errorId(props.name)}>
          <span class="mh-visually-hidden">Fout: </span>
          {props.errors[props.name]}
        </p>
      ) : null}
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
          id={props.name}
          name={props.name}
          type={props.type}
          autocomplete={props.autocomplete}
          value={props.values[props.name] ?? ''}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid ? 'true' : undefined}
        />
      </div>
    </div>
  );
}

/**
 * The optional consent block at the end of the survey: the full text first, then a checkbox that
 * is never pre-ticked, then the contact details. The hash of the shown text goes with the form.
 */
export function ConsentBlock({ text, values, errors }: ConsentBlockProps) {
  const t = nl.panel.consent;
  const preferredInvalid = Boolean(errors['panel-contact']);
  return (
    <section class="mh-step mh-consent" aria-labelledby="toestemming-titel">
      <h2 class="utrecht-heading-2" id="toestemming-titel">
        {t.heading}
      </h2>
      <div id="toestemming-tekst">
        {text.paragraphs.map((paragraph) => (
          <p class="utrecht-paragraph">{paragraph}</p>
        ))}
      </div>
      <input type="hidden" name="panel-text-hash" value={text.hash} />
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <div class="utrecht-form-field__input">
          <input
            type="checkbox"
            class="utrecht-checkbox utrecht-checkbox--html-input"
            id="panel-consent"
            name="panel-consent"
            value="ja"
            checked={values['panel-consent'] === 'ja'}
            aria-describedby="toestemming-tekst"
          />
        </div>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="panel-consent">
            {t.checkbox}
          </label>
        </div>
      </div>
      <TextField name="panel-email" label={t.emailLabel} type="email" autocomplete="email" hint={t.emailHint} values={values} errors={errors} />
      <TextField name="panel-name" label={t.nameLabel} type="text" autocomplete="name" values={values} errors={errors} />
      <TextField name="panel-phone" label={t.phoneLabel} type="tel" autocomplete="tel" values={values} errors={errors} />
      <div class="utrecht-form-field">
        <fieldset
          class={`utrecht-form-fieldset utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset${preferredInvalid ? ' utrecht-form-fieldset--invalid' : ''}`}
          aria-describedby={preferredInvalid ? errorId('panel-contact') : undefined}
        >
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.preferredLegend}</legend>
          {preferredInvalid ? (
            <p class="utrecht-form-field-error-message" id={errorId('panel-contact')}>
              <span class="mh-visually-hidden">Fout: </span>
              {errors['panel-contact']}
            </p>
          ) : null}
          <div class="mh-radio-list">
            {t.preferredOptions.map((option) => (
              <div class="utrecht-form-field utrecht-form-field--radio mh-option">
                <div class="utrecht-form-field__input">
                  <input
                    type="radio"
                    class="utrecht-radio-button utrecht-radio-button--html-input"
                    id={`panel-contact-${option.value}`}
                    name="panel-contact"
                    value={option.value}
                    checked={values['panel-contact'] === option.value}
                  />
                </div>
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label utrecht-form-label--radio" for={`panel-contact-${option.value}`}>
                    {option.label}
                  </label>
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
    </section>
  );
}
