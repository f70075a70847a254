import type { CallbackMailContent, RenderedMail } from '../../src/mail-templates';
import { nl } from '../../src/texts';
import { dutch, inLanguage } from '../../src/texts/citizen';
import { renderMail } from '../mail/mail-layout';

/**
 * The two call-back mails: the citizen's "Bent u goed geholpen?" in the language of the survey the
 * request came from, and the KCC's alert of new requests (Dutch, for staff).
 */
export function renderCallbackMail(content: CallbackMailContent): RenderedMail {
  if (content.kind === 'recovery') {
    const language = content.language ?? dutch;
    const { mail, callbackRecovery: r } = language.texts;
    return renderMail({
      subject: r.mailSubject,
      greeting: mail.greeting,
      paragraphs: [r.mailIntro, r.mailQuestion],
      actions: [{ label: r.mailAction, url: content.url }],
      after: [r.mailAfter],
      closing: mail.closing,
      organisation: content.organisation,
      stop: { text: r.mailStop, url: inLanguage(content.privacyUrl, language.code) },
      privacyUrl: content.privacyUrl,
      language,
    });
  }
  const t = nl.callbacksKcc.alertMail;
  return renderMail({
    subject: t.subject(content.count),
    greeting: t.greeting,
    paragraphs: [t.body(content.count)],
    actions: [{ label: t.action, url: content.url }],
    after: [t.why],
    closing: t.closing,
    organisation: content.organisation,
    stop: { text: t.stop, url: content.url },
    privacyUrl: content.privacyUrl,
  });
}
