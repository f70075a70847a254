import type { CallbackMailContent, RenderedMail } from '../../src/mail-templates';
import { nl } from '../../src/texts';
import { renderMail } from '../mail/mail-layout';

/** The two call-back mails: the citizen's "Bent u goed geholpen?" and the KCC's alert of new requests. */
export function renderCallbackMail(content: CallbackMailContent): RenderedMail {
  const t = nl.callbacksKcc;
  if (content.kind === 'recovery') {
    return renderMail({
      subject: t.recoveryMail.subject,
      greeting: t.recoveryMail.greeting,
      paragraphs: [...t.recoveryMail.paragraphs],
      actions: [{ label: t.recoveryMail.action, url: content.url }],
      after: [t.recoveryMail.after],
      closing: t.recoveryMail.closing,
      organisation: content.organisation,
      stop: { text: t.recoveryMail.stop, url: content.privacyUrl },
      privacyUrl: content.privacyUrl,
    });
  }
  return renderMail({
    subject: t.alertMail.subject(content.count),
    greeting: t.alertMail.greeting,
    paragraphs: [t.alertMail.body(content.count)],
    actions: [{ label: t.alertMail.action, url: content.url }],
    after: [t.alertMail.why],
    closing: t.recoveryMail.closing,
    organisation: content.organisation,
    stop: { text: t.alertMail.stop, url: content.url },
    privacyUrl: content.privacyUrl,
  });
}
