import { nl } from '../../src/texts';
import { RadioGroup } from '../components/choices';
import { ErrorSummary, TextAreaField } from '../components/form';
import { Layout, useOrganisation } from '../layout';
import { SubmitRow } from '../components/button';
import { feelingOptionsWithFaces } from './feeling-face';

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
  return (
    <Layout title={hasErrors ? `Fout: ${nl.noShow.title}` : nl.noShow.title}>
      <h1 class="utrecht-heading-1">{nl.noShow.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{nl.noShow.intro(useOrganisation(), props.journeyName)}</p>
      <ErrorSummary errors={props.errors} targets={{ reason: `reason-${nl.noShow.reasons[0].value}`, booking: 'booking--2' }} title={nl.survey.errorSummaryTitle} />
      <form method="post" action={props.action} novalidate>
        <RadioGroup name="reason" legend={nl.noShow.reasonQuestion} options={nl.noShow.reasons} layout="list" value={props.values.reason} error={props.errors.reason} />
        <TextAreaField name="comment" label={nl.noShow.commentLabel} hint={nl.survey.commentHint} value={props.values.comment} error={props.errors.comment} rows={3} />
        <RadioGroup
          name="booking"
          legend={`${nl.noShow.bookingQuestion(props.bookingStep)} (niet verplicht)`}
          options={props.faces ? feelingOptionsWithFaces : nl.feelingOptions}
          layout="list"
          value={props.values.booking}
          error={props.errors.booking}
          optional
        />
        <SubmitRow label={nl.survey.submit} />
      </form>
    </Layout>
  );
}
