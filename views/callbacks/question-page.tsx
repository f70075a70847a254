import type { CallbackReason } from '../../src/db/schema';
import { RadioGroup } from '../components/choices';
import { ErrorSummary, TextField } from '../components/form';
import { SubmitRow } from '../components/button';
import { Section } from '../components/page-parts';
import { inLanguage } from '../../src/texts/citizen';
import { Layout, useCitizenLanguage } from '../layout';

export interface CallbackQuestionPageProps {
  action: string;
  reason: CallbackReason;
  terms: { slaHours: number; retentionDays: number };
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Said above the question, e.g. the thanks for the panel consent. */
  extra?: string[];
  /** The invitation's address was filled in (only right after the survey, before it is erased). */
  emailPrefilled?: boolean;
}

/** The first input of a field, the target of the links in the error summary. */
const targets = { 'callback-method': 'callback-method-phone', 'callback-time': 'callback-time-ochtend' };

/**
 * After the survey, when the answers call for it: thanks, then the optional question "Wilt u dat
 * wij contact met u opnemen?". Nothing is ticked; the button is the citizen's yes. Both contact
 * fields are always there, so it works the same without JavaScript.
 */
export function CallbackQuestionPage(props: CallbackQuestionPageProps) {
  const hasErrors = Object.keys(props.errors).length > 0;
  const language = useCitizenLanguage();
  const texts = language.texts;
  const t = texts.callbackQuestion;
  const title = texts.survey.thanksTitle;
  return (
    <Layout title={hasErrors ? texts.page.errorTitle(t.heading) : `${title} ${t.heading}`}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{texts.survey.thanksBody}</p>
      {(props.extra ?? []).map((text) => (
        <p class="utrecht-paragraph">{text}</p>
      ))}
      <ErrorSummary errors={props.errors} targets={targets} intro={texts.survey.errorSummaryIntro} title={texts.survey.errorSummaryTitle} />
      <Section id="terugbellen-titel" title={t.heading} class="mh-step">
        <p class="utrecht-paragraph">{t.optional}</p>
        <div id="terugbellen-uitleg">
          <p class="utrecht-paragraph">{t.why[props.reason]}</p>
          {t.details(props.terms).map((paragraph) => (
            <p class="utrecht-paragraph">{paragraph}</p>
          ))}
          <p class="utrecht-paragraph">
            {`${t.privacyLead} `}
            <a class="utrecht-link" href={inLanguage('/privacy#terugbelverzoeken', language.code)}>
              {t.privacyLink}
            </a>
            .
          </p>
        </div>
        <form method="post" action={props.action} novalidate>
          <RadioGroup name="callback-method" legend={t.methodLegend} options={t.methodOptions} layout="list" value={props.values['callback-method']} error={props.errors['callback-method']} />
          <TextField name="callback-phone" label={t.phoneLabel} type="tel" autocomplete="tel" hint={t.phoneHint} value={props.values['callback-phone'] ?? ''} error={props.errors['callback-phone']} maxlength={30} />
          <TextField
            name="callback-email"
            label={t.emailLabel}
            type="email"
            autocomplete="email"
            hint={props.emailPrefilled ? t.emailPrefilledHint : t.emailHint}
            value={props.values['callback-email'] ?? ''}
            error={props.errors['callback-email']}
            maxlength={254}
          />
          <RadioGroup name="callback-time" legend={t.bestTimeLegend} options={t.bestTimeOptions} layout="list" value={props.values['callback-time']} error={props.errors['callback-time']} optional />
          <SubmitRow label={t.submit} />
        </form>
      </Section>
    </Layout>
  );
}
