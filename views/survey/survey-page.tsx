import type { Child } from 'hono/jsx';
import { Layout, useOrganisation } from '../layout';
import { nl } from '../../src/texts';
import { Notice } from '../components/form';
import { ConsentBlock, type ConsentBlockProps } from '../panel/consent-block';
import { Button, ButtonGroup } from '../components/button';

export interface SurveyStep {
  slug: string;
  question: string;
  /** The question's language when it differs from the page's (an English question text). */
  lang?: 'en';
}

export interface SurveyPageProps {
  journeyName: string;
  action: string;
  steps: SurveyStep[];
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The optional consent-panel block (journey surveys only). */
  consent?: ConsentBlockProps;
  /**
   * Staff preview (journey designer): the same page with a notice above it and a submit
   * button that cannot be used.
   */
  preview?: { label: string; notice: Child };
}

const errorId = (field: string) => `${field}-fout`;

/** The first input of a field, the target of the links in the error summary. */
function firstInputId(field: string): string {
  if (field.startsWith('comment-')) return field;
  if (field === 'panel-contact') return `${field}-e-mail`;
  if (field.startsWith('panel-')) return field;
  if (field.startsWith('feeling-')) return `${field}-${nl.feelingOptions[0].value}`;
  return `${field}-1`;
}

function ErrorMessage({ field, errors }: { field: string; errors: Record<string, string> }) {
  const message = errors[field];
  return message ? (
    <p class="utrecht-form-field-error-message" id={errorId(field)}>
      <span class="mh-visually-hidden">Fout: </span>
      {message}
    </p>
  ) : null;
}

export function RadioGroup(props: {
  name: string;
  legend: string;
  legendLang?: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
  layout: 'list' | 'scale';
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Not required: a citizen may leave it empty. */
  optional?: boolean;
}) {
  const invalid = Boolean(props.errors[props.name]);
  const hintId = `${props.name}-uitleg`;
  const describedBy = [props.hint ? hintId : '', invalid ? errorId(props.name) : ''].filter(Boolean).join(' ');
  return (
    <div class="utrecht-form-field">
      <fieldset
        class={`utrecht-form-fieldset utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
        aria-describedby={describedBy || undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend" lang={props.legendLang}>
          {props.legend}
        </legend>
        {props.hint ? (
          <p class="utrecht-form-field-description" id={hintId}>
            {props.hint}
          </p>
        ) : null}
        <ErrorMessage field={props.name} errors={props.errors} />
        <div class={props.layout === 'scale' ? 'mh-scale' : 'mh-radio-list'}>
          {props.options.map((option) => {
            const id = `${props.name}-${option.value}`;
            return (
              <div class="utrecht-form-field utrecht-form-field--radio mh-option">
                <div class="utrecht-form-field__input">
                  <input
                    type="radio"
                    class={`utrecht-radio-button utrecht-radio-button--html-input${invalid ? ' utrecht-radio-button--invalid' : ''}`}
                    id={id}
                    name={props.name}
                    value={option.value}
                    checked={props.values[props.name] === option.value}
                    required={!props.optional}
                    aria-invalid={invalid ? 'true' : undefined}
                  />
                </div>
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                    {option.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

const scale = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => ({ value: String(from + index), label: String(from + index) }));

export function SurveyPage(props: SurveyPageProps) {
  const errorFields = Object.keys(props.errors);
  const title = nl.survey.title(props.journeyName);
  const documentTitle = props.preview ? `${props.preview.label}: ${title}` : title;
  return (
    <Layout title={errorFields.length ? `Fout: ${documentTitle}` : documentTitle}>
      {props.preview ? <Notice kind="warning">{props.preview.notice}</Notice> : null}
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{nl.survey.intro(useOrganisation())}</p>
      {errorFields.length ? (
        <div class="utrecht-alert utrecht-alert--error" role="group" aria-labelledby="foutoverzicht-titel" id="foutoverzicht">
          <div class="utrecht-alert__content">
            <h2 class="utrecht-heading-2" id="foutoverzicht-titel">
              {nl.survey.errorSummaryTitle}
            </h2>
            <p class="utrecht-paragraph">{nl.survey.errorSummaryIntro}</p>
            <ul>
              {errorFields.map((field) => (
                <li>
                  <a class="utrecht-link" href={`#${firstInputId(field)}`}>
                    {props.errors[field]}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <p class="utrecht-paragraph">{nl.survey.requiredNote}</p>
      <form method="post" action={props.action} novalidate>
        {props.steps.map((step, index) => {
          const commentField = `comment-${step.slug}`;
          const commentInvalid = Boolean(props.errors[commentField]);
          return (
            <section class="mh-step" aria-labelledby={`stap-${step.slug}`}>
              <h2 class="utrecht-heading-2" id={`stap-${step.slug}`}>
                {`Stap ${index + 1} van ${props.steps.length}`}
              </h2>
              <RadioGroup
                name={`feeling-${step.slug}`}
                legend={step.question}
                legendLang={step.lang}
                options={nl.feelingOptions}
                layout="list"
                values={props.values}
                errors={props.errors}
              />
              <div class={`utrecht-form-field utrecht-form-field--text${commentInvalid ? ' utrecht-form-field--invalid' : ''}`}>
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label" for={commentField}>
                    {nl.survey.commentLabel}
                  </label>
                </div>
                <p class="utrecht-form-field-description" id={`${commentField}-uitleg`}>
                  {nl.survey.commentHint}
                </p>
                <ErrorMessage field={commentField} errors={props.errors} />
                <div class="utrecht-form-field__input">
                  <textarea
                    class={`utrecht-textarea utrecht-textarea--html-textarea${commentInvalid ? ' utrecht-textarea--invalid' : ''}`}
                    id={commentField}
                    name={commentField}
                    rows={3}
                    aria-describedby={[`${commentField}-uitleg`, commentInvalid ? errorId(commentField) : ''].filter(Boolean).join(' ')}
                    aria-invalid={commentInvalid ? 'true' : undefined}
                  >
                    {props.values[commentField] ?? ''}
                  </textarea>
                </div>
              </div>
            </section>
          );
        })}
        <section class="mh-step" aria-labelledby="stap-algemeen">
          <h2 class="utrecht-heading-2" id="stap-algemeen">
            Tot slot
          </h2>
          <RadioGroup
            name="grade"
            legend={nl.survey.gradeQuestion}
            hint={nl.survey.gradeHint}
            options={scale(1, 10)}
            layout="scale"
            values={props.values}
            errors={props.errors}
          />
          <RadioGroup
            name="effort"
            legend={nl.survey.effortQuestion}
            hint={nl.survey.effortHint}
            options={scale(1, 7)}
            layout="scale"
            values={props.values}
            errors={props.errors}
          />
        </section>
        {props.consent ? <ConsentBlock {...props.consent} /> : null}
        <ButtonGroup>
          <Button variant="primary" disabled={props.preview ? true : undefined}>
            {nl.survey.submit}
          </Button>
        </ButtonGroup>
      </form>
    </Layout>
  );
}
