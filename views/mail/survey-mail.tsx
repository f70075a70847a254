import { formatDate, nl } from '../../src/texts';

export interface SurveyMailContent {
  kind: 'invitation' | 'reminder';
  /** Which survey: the journey's steps, or "we hebben u gemist" after a missed appointment. */
  survey: 'journey' | 'no-show';
  organisation: string;
  journeyName: string;
  stepCount: number;
  surveyUrl: string;
  optOutUrl: string;
  privacyUrl: string;
  expiresAt: Date;
}

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
export function renderSurveyMail(content: SurveyMailContent): { subject: string; text: string; html: string } {
  const p = paragraphs(content);
  const text = [
    nl.mail.greeting,
    '',
    p.intro,
    p.effort,
    '',
    `${nl.mail.callToAction}:`,
    content.surveyUrl,
    '',
    p.validUntil,
    nl.mail.purpose,
    '',
    nl.mail.closing,
    content.organisation,
    '',
    '--',
    nl.mail.optOut,
    content.optOutUrl,
    `${nl.footer.privacy}: ${content.privacyUrl}`,
  ].join('\n');

  const html =
    '<!DOCTYPE html>' +
    (
      <html lang="nl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{p.subject}</title>
        </head>
        <body style="font-family: Arial, Helvetica, sans-serif; font-size: 17px; line-height: 1.5; color: #1a1a1a; background: #ffffff; margin: 0; padding: 16px;">
          <div style="max-width: 36em;">
            <p>{nl.mail.greeting}</p>
            <p>{p.intro}</p>
            <p>{p.effort}</p>
            <p>
              <a
                href={content.surveyUrl}
                style="display: inline-block; background: #1d4e89; color: #ffffff; padding: 12px 20px; border-radius: 4px; text-decoration: none; font-weight: bold;"
              >
                {nl.mail.callToAction}
              </a>
            </p>
            <p>{p.validUntil}</p>
            <p>{nl.mail.purpose}</p>
            <p>
              {nl.mail.closing}
              <br />
              {content.organisation}
            </p>
            <hr />
            <p style="font-size: 15px;">
              {nl.mail.optOut} <a href={content.optOutUrl} style="color: #1d4e89;">{content.optOutUrl}</a>
              <br />
              <a href={content.privacyUrl} style="color: #1d4e89;">{nl.footer.privacy}</a>
            </p>
          </div>
        </body>
      </html>
    ).toString();

  return { subject: p.subject, text, html };
}
