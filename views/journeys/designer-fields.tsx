import { channels, journeyTypes } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { FieldError, TextField } from '../components/form';

const t = nl.journeyDesigner;

export type Values = Record<string, string>;
export type Errors = Record<string, string | undefined>;

const describedBy = (name: string, hint: boolean, error: boolean) =>
  [hint ? `${name}-uitleg` : '', error ? `${name}-fout` : ''].filter(Boolean).join(' ') || undefined;

function Hint({ name, text }: { name: string; text?: string }) {
  return text ? (
    <p class="utrecht-form-field-description" id={`${name}-uitleg`}>
      {text}
    </p>
  ) : null;
}

export function TextArea(props: { name: string; label: string; value?: string; error?: string; hint?: string; rows?: number; maxlength?: number }) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      <Hint name={props.name} text={props.hint} />
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
        <textarea
          class={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
          id={props.name}
          name={props.name}
          rows={props.rows ?? 3}
          maxlength={props.maxlength}
          aria-describedby={describedBy(props.name, Boolean(props.hint), Boolean(props.error))}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.value ?? ''}
        </textarea>
      </div>
    </div>
  );
}

export function Choice(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  placeholder: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--select${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      <Hint name={props.name} text={props.hint} />
      <FieldError id={`${props.name}-fout`} message={props.error} />
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
          id={props.name}
          name={props.name}
          aria-describedby={describedBy(props.name, Boolean(props.hint), Boolean(props.error))}
          aria-invalid={props.error ? 'true' : undefined}
        >
          <option value="">{props.placeholder}</option>
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

export function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          id={props.name}
          name={props.name}
          value="on"
          checked={props.checked}
          aria-describedby={props.hint ? `${props.name}-uitleg` : undefined}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
          {props.label}
        </label>
      </div>
      <Hint name={props.name} text={props.hint} />
    </div>
  );
}

export const typeOptions = journeyTypes.map((type) => ({ value: type, label: t.types[type] ?? type }));
export const channelOptions = channels.map((channel) => ({ value: channel, label: t.channels[channel] ?? channel }));

/** The journey's own fields; on an existing journey the slug is shown, not editable. */
export function JourneyFields(props: { values: Values; errors: Errors; fixedSlug?: string }) {
  const f = t.fields;
  const { values, errors } = props;
  return (
    <>
      <TextField name="name" label={f.name} hint={f.nameHint} value={values.name} error={errors.name} maxlength={120} required />
      {props.fixedSlug ? (
        <p class="utrecht-paragraph">
          <strong>{f.slugFixed}:</strong> <code>{props.fixedSlug}</code>. {f.slugFixedHint}
        </p>
      ) : (
        <TextField name="slug" label={f.slug} hint={f.slugHint} value={values.slug} error={errors.slug} maxlength={80} />
      )}
      <Choice name="type" label={f.type} value={values.type} error={errors.type} placeholder={t.chooseType} options={typeOptions} />
      <TextField name="lifeEvent" label={f.lifeEvent} hint={f.lifeEventHint} value={values.lifeEvent} error={errors.lifeEvent} maxlength={120} />
      <TextArea name="description" label={f.description} value={values.description} error={errors.description} rows={3} maxlength={2000} />
      <TextArea name="caseTypes" label={f.caseTypes} hint={f.caseTypesHint} value={values.caseTypes} error={errors.caseTypes} rows={3} />
    </>
  );
}

/** A touchpoint's fields: name, channel, norm, flags and its question texts. */
export function TouchpointFields(props: { values: Values; errors: Errors }) {
  const f = t.touchpointFields;
  const { values, errors } = props;
  const example = nl.survey.feelingQuestion(values.touchpointName || f.name);
  return (
    <>
      <TextField name="touchpointName" label={f.name} hint={f.nameHint} value={values.touchpointName} error={errors.touchpointName} maxlength={120} required />
      <Choice name="channel" label={f.channel} value={values.channel} error={errors.channel} placeholder={t.chooseChannel} options={channelOptions} />
      <TextField name="serviceNorm" label={f.serviceNorm} hint={f.serviceNormHint} value={values.serviceNorm} error={errors.serviceNorm} maxlength={200} />
      <Checkbox name="momentOfTruth" label={f.momentOfTruth} hint={f.momentOfTruthHint} checked={values.momentOfTruth === 'on'} />
      <Checkbox name="askedByDefault" label={f.askedByDefault} hint={f.askedByDefaultHint} checked={values.askedByDefault === 'on'} />
      <TextField name="question" label={f.question} hint={f.questionHint(example)} value={values.question} error={errors.question} maxlength={200} />
      <TextField name="questionEn" label={f.questionEn} hint={f.questionEnHint} value={values.questionEn} error={errors.questionEn} maxlength={200} />
    </>
  );
}
