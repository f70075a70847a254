import type { RenderedMail, SurveyMailContent } from '../../src/mail-templates';
import { dutch } from '../../src/texts/citizen';
import { renderMail } from './mail-layout';

/** A survey mail's subject in the invitation's language. */
function surveyMailSubject(content: SurveyMailContent): string {
  const t = (content.language ?? dutch).texts;
  if (content.survey === 'no-show') return (content.kind === 'invitation' ? t.noShow.mailSubject : t.noShow.mailReminderSubject)(content.organisation);
  return (content.kind === 'invitation' ? t.mail.invitationSubject : t.mail.reminderSubject)(content.journeyName, content.organisation);
}

function paragraphs(content: SurveyMailContent) {
  const t = (content.language ?? dutch).texts;
  const until = t.date(content.expiresAt);
  if (content.survey === 'no-show') {
    return {
      intro: t.noShow.mailIntro(content.journeyName, content.organisation),
      effort: t.noShow.mailEffort,
      validUntil: t.mail.validUntil(until),
    };
  }
  const intro = content.kind === 'invitation' ? t.mail.invitationIntro : t.mail.reminderIntro;
  return {
    intro: intro(content.journeyName, content.organisation),
    effort: t.mail.effort(content.stepCount, content.minutes),
    validUntil: t.mail.validUntil(until),
  };
}

/** Renders a survey mail in the invitation's language as subject, plain text and HTML; it names the journey and nothing of the case. */
export function renderSurveyMail(content: SurveyMailContent): RenderedMail {
  const p = paragraphs(content);
  const language = content.language ?? dutch;
  const t = language.texts;
  return renderMail({
    subject: surveyMailSubject(content),
    greeting: t.mail.greeting,
    paragraphs: [p.intro, p.effort],
    actions: [{ label: t.mail.callToAction, url: content.surveyUrl }],
    after: [p.validUntil, t.mail.purpose],
    links: [{ lead: t.page.improvementsMailLead, label: t.page.improvementsLink, url: content.improvementsUrl }],
    closing: t.mail.closing,
    organisation: content.organisation,
    stop: { text: t.mail.optOut, url: content.optOutUrl },
    privacyUrl: content.privacyUrl,
    language,
  });
}
