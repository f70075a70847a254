import type { RenderedMail, SurveyMailContent } from '../../src/mail-templates';
import { formatDate, nl } from '../../src/texts';
import { renderMail } from './mail-layout';

function paragraphs(content: SurveyMailContent) {
  if (content.survey === 'no-show') {
    return {
      subject: (content.kind === 'invitation' ? nl.noShow.mailSubject : nl.noShow.mailReminderSubject)(content.organisation),
      intro: nl.noShow.mailIntro(content.journeyName, content.organisation),
      effort: nl.noShow.mailEffort,
      validUntil: nl.mail.validUntil(formatDate(content.expiresAt)),
    };
  }
  const intro = content.kind === 'invitation' ? nl.mail.invitationIntro : nl.mail.reminderIntro;
  return {
    subject: (content.kind === 'invitation' ? nl.mail.invitationSubject : nl.mail.reminderSubject)(
      content.journeyName,
      content.organisation,
    ),
    intro: intro(content.journeyName, content.organisation),
    effort: nl.mail.effort(content.stepCount),
    validUntil: nl.mail.validUntil(formatDate(content.expiresAt)),
  };
}

/** Renders a survey mail as subject, plain text and HTML; it names the journey and nothing of the case. */
export function renderSurveyMail(content: SurveyMailContent): RenderedMail {
  const p = paragraphs(content);
  return renderMail({
    subject: p.subject,
    greeting: nl.mail.greeting,
    paragraphs: [p.intro, p.effort],
    actions: [{ label: nl.mail.callToAction, url: content.surveyUrl }],
    after: [p.validUntil, nl.mail.purpose],
    links: [{ lead: nl.improvements.mailLead, label: nl.improvements.link, url: content.improvementsUrl }],
    closing: nl.mail.closing,
    organisation: content.organisation,
    stop: { text: nl.mail.optOut, url: content.optOutUrl },
    privacyUrl: content.privacyUrl,
  });
}
