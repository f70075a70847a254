import { nl } from '../../src/texts';
import { ErrorSummary, FieldError } from '../components/form';
import { Layout, useOrganisation } from '../layout';
import { RadioGroup } from './survey-page';
import { Button, ButtonGroup } from '../components/button';

export interface NoShowPageProps {
  journeyName: string;
  bookingStep: string;
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** "We hebben u gemist": why the citizen did not come, and how booking felt. Works without JavaScript. */
export function NoShowPage(props: NoShowPageProps) {
  const hasErrors = Object.keys(props.errors).length > 0;
  const commentInvalid = Boolean(props.errors.comment);
  return (
    <Layout title={hasErrors ? `Fout: ${nl.noShow.title}` : nl.noShow.title}>
      <h1 class="utrecht-heading-1">{nl.noShow.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{nl.noShow.intro(useOrganisation(), props.journeyName)}</p>
      <ErrorSummary errors={props.errors} targets={{ reason: `reason-${nl.noShow.reasons[0].value}`, booking: 'booking--2' }} />
      <form method="post" action={props.action} novalidate>
        <RadioGroup name="reason" legend={nl.noShow.reasonQuestion} options={nl.noShow.reasons} layout="list" values={props.values} errors={props.errors} />
        <div class={`utrecht-form-field utrecht-form-field--text${commentInvalid ? ' utrecht-form-field--invalid' : ''}`}>
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="comment">
              {nl.noShow.commentLabel}
            </label>
          </div>
          <p class="utrecht-form-field-description" id="comment-uitleg">
            {nl.survey.commentHint}
          </p>
          <FieldError id="comment-fout" message={props.errors.comment} />
          <div class="utrecht-form-field__input">
            <textarea
              class="utrecht-textarea utrecht-textarea--html-textarea"
              id="comment"
              name="comment"
              rows={3}
              aria-describedby={commentInvalid ? 'comment-uitleg comment-fout' : 'comment-uitleg'}
              aria-invalid={commentInvalid ? 'true' : undefined}
            >
              {props.values.comment ?? ''}
            </textarea>
          </div>
        </div>
        <RadioGroup
          name="booking"
          legend={`${nl.noShow.bookingQuestion(props.bookingStep)} (niet verplicht)`}
          options={nl.feelingOptions}
          layout="list"
          values={props.values}
          errors={props.errors}
          optional
        />
        <ButtonGroup>
          <Button variant="primary">
            {nl.survey.submit}
          </Button>
        </ButtonGroup>
      </form>
    </Layout>
  );
}
