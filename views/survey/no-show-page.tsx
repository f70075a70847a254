import { RadioGroup } from '../components/choices';
import { ErrorSummary, TextAreaField } from '../components/form';
import { Layout, useCitizenTexts, useOrganisation } from '../layout';
import { SubmitRow } from '../components/button';
import { withFaces } from './feeling-face';

export interface NoShowPageProps {
  journeyName: string;
  bookingStep: string;
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Faces next to the words of the feeling scale (see src/survey/feeling-faces.ts). */
  faces?: boolean;
}

/** "We hebben u gemist": why the citizen did not come, and how booking felt. Works without JavaScript. */
export function NoShowPage(props: NoShowPageProps) {
  const hasErrors = Object.keys(props.errors).length > 0;
  const t = useCitizenTexts();
  return (
    <Layout title={hasErrors ? t.page.errorTitle(t.noShow.title) : t.noShow.title}>
      <h1 class="utrecht-heading-1">{t.noShow.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.noShow.intro(useOrganisation(), props.journeyName)}</p>
      <ErrorSummary errors={props.errors} targets={{ reason: `reason-${t.noShow.reasons[0].value}`, booking: 'booking--2' }} title={t.survey.errorSummaryTitle} />
      <form method="post" action={props.action} novalidate>
        <RadioGroup name="reason" legend={t.noShow.reasonQuestion} options={t.noShow.reasons} layout="list" value={props.values.reason} error={props.errors.reason} />
        <TextAreaField name="comment" label={t.noShow.commentLabel} hint={t.survey.commentHint} value={props.values.comment} error={props.errors.comment} rows={3} />
        <RadioGroup
          name="booking"
          legend={`${t.noShow.bookingQuestion(props.bookingStep)} ${t.survey.optional}`}
          options={props.faces ? withFaces(t.feelingOptions) : t.feelingOptions}
          layout="list"
          value={props.values.booking}
          error={props.errors.booking}
          optional
        />
        <SubmitRow label={t.survey.submit} />
      </form>
    </Layout>
  );
}
