import type { PanelMailContent, RenderedMail } from '../../src/mail-templates';
import { renderMail } from '../mail/mail-layout';

/** Renders a panel mail (confirmation, study invitation, reminder, renewal) in the member's language as plain text and HTML. */
export function renderPanelMail(content: PanelMailContent): RenderedMail {
  const t = content.language.texts;
  return renderMail({
    subject: content.subject,
    greeting: t.mail.greeting,
    paragraphs: content.paragraphs,
    actions: content.actions,
    closing: t.mail.closing,
    organisation: content.organisation,
    stop: { text: t.panel.mail.withdraw, url: content.withdrawUrl },
    privacyUrl: content.privacyUrl,
    language: content.language,
  });
}
