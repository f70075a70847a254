import type { Child } from 'hono/jsx';
import type { SurveyStep } from '../../src/journeys/survey-steps';
import type { SurveyItem } from '../../src/items/survey-items';
import { Layout, useCitizenLanguage, useOrganisation, type StaffNavProps } from '../layout';
import { RadioGroup } from '../components/choices';
import { ErrorSummary, Notice, TextAreaField } from '../components/form';
import { ConsentBlock, type ConsentBlockProps } from '../panel/consent-block';
import { SubmitRow } from '../components/button';
import { Section } from '../components/page-parts';
import { withFaces } from './feeling-face';

export interface SurveyPageProps {
  journeyName: string;
  action: string;
  steps: SurveyStep[];
  /** The item bank's questions the invitation was sent with (src/items/survey-items.ts). */
  items?: SurveyItem[];
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The optional consent-panel block (journey surveys only). */
  consent?: ConsentBlockProps;
  /**
   * Staff preview (journey designer): the same page with a notice above it and a submit
   * button that cannot be used.
   */
  preview?: { label: string; notice: Child };
  /** Staff filling it in for a citizen (/dashboard/afname): the staff menu, a notice, and the fields posted back with the answers. */
  assisted?: { label: string; notice: Child; staff: StaffNavProps; hidden: Record<string, string> };
  /** The honest estimate for this survey (surveyMinutes in src/items/item-bank.ts); 2 when not given. */
  minutes?: number;
  /** Faces next to the words of the feeling scale (see src/survey/feeling-faces.ts). */
  faces?: boolean;
}

/** The first input of a field, the target of the links in the error summary. */
function firstInputId(field: string, items: readonly SurveyItem[]): string {
  const item = items.find((candidate) => candidate.field === field);
  if (item) return `${field}-${item.options[0]!.value}`;
  if (field.startsWith('comment-')) return field;
  if (field === 'panel-contact') return `${field}-e-mail`;
  if (field.startsWith('panel-')) return field;
  if (field.startsWith('feeling-')) return `${field}--2`;
  return `${field}-1`;
}

/** A question without a text in the page's language is Dutch: marked as such for screen readers. */
const questionLang = (step: SurveyStep, pageLanguage: string) => {
  const lang = step.lang ?? 'nl';
  return lang === pageLanguage ? undefined : lang;
};

/** One item of the bank or the journey's own, as a question with its options. */
function ItemQuestion(props: { item: SurveyItem; pageLanguage: string; values: Record<string, string>; errors: Record<string, string> }) {
  const { item } = props;
  return (
    <RadioGroup
      name={item.field}
      legend={item.question}
      legendLang={item.lang && item.lang !== props.pageLanguage ? item.lang : undefined}
      hint={item.hint}
      options={item.options}
      layout={item.layout}
      value={props.values[item.field]}
      error={props.errors[item.field]}
    />
  );
}

const scale = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => ({ value: String(from + index), label: String(from + index) }));

export function SurveyPage(props: SurveyPageProps) {
  const errorFields = Object.keys(props.errors);
  const language = useCitizenLanguage();
  const t = language.texts;
  const title = t.survey.title(props.journeyName);
  const frame = props.preview ?? props.assisted;
  const items = props.items ?? [];
  const documentTitle = frame ? `${frame.label}: ${title}` : title;
  return (
    <Layout title={errorFields.length ? t.page.errorTitle(documentTitle) : documentTitle} staff={props.assisted?.staff}>
      {/* The staff notice of a preview or of staff answering is Dutch, whatever the page's language. */}
      {frame ? (
        <div lang="nl" dir="ltr">
          <Notice kind="warning">{frame.notice}</Notice>
        </div>
      ) : null}
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.survey.intro(useOrganisation(), props.minutes ?? 2)}</p>
      <ErrorSummary errors={props.errors} targets={Object.fromEntries(errorFields.map((field) => [field, firstInputId(field, items)]))} intro={t.survey.errorSummaryIntro} title={t.survey.errorSummaryTitle} />
      <p class="utrecht-paragraph">{t.survey.requiredNote}</p>
      <form method="post" action={props.action} novalidate>
        {Object.entries(props.assisted?.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.steps.map((step, index) => {
          const commentField = `comment-${step.slug}`;
          return (
            <Section id={`stap-${step.slug}`} title={t.survey.stepOf(index + 1, props.steps.length)} class="mh-step">
              <RadioGroup
                name={`feeling-${step.slug}`}
                legend={step.question}
                legendLang={questionLang(step, language.code)}
                options={props.faces ? withFaces(t.feelingOptions) : t.feelingOptions}
                layout="list"
                value={props.values[`feeling-${step.slug}`]}
                error={props.errors[`feeling-${step.slug}`]}
              />
              {items
                .filter((item) => item.stepSlug === step.slug)
                .map((item) => (
                  <ItemQuestion item={item} pageLanguage={language.code} values={props.values} errors={props.errors} />
                ))}
              <TextAreaField
                name={commentField}
                label={t.survey.commentLabel}
                hint={t.survey.commentHint}
                value={props.values[commentField]}
                error={props.errors[commentField]}
                rows={3}
              />
            </Section>
          );
        })}
        <section class="mh-step" aria-labelledby="stap-algemeen">
          <h2 class="utrecht-heading-2" id="stap-algemeen">
            {t.survey.closingHeading}
          </h2>
          {items
            .filter((item) => item.stepSlug === undefined)
            .map((item) => (
              <ItemQuestion item={item} pageLanguage={language.code} values={props.values} errors={props.errors} />
            ))}
          <RadioGroup
            name="grade"
            legend={t.survey.gradeQuestion}
            hint={t.survey.gradeHint}
            options={scale(1, 10)}
            layout="scale"
            value={props.values.grade}
            error={props.errors.grade}
          />
          <RadioGroup
            name="effort"
            legend={t.survey.effortQuestion}
            hint={t.survey.effortHint}
            options={scale(1, 7)}
            layout="scale"
            value={props.values.effort}
            error={props.errors.effort}
          />
        </section>
        {props.consent ? <ConsentBlock {...props.consent} /> : null}
        <SubmitRow label={t.survey.submit} disabled={props.preview ? true : undefined} />
      </form>
    </Layout>
  );
}
