import type { PanelMailContent, RenderedMail } from '../../src/mail-templates';
import { nl } from '../../src/texts';
import { renderMail } from '../mail/mail-layout';

/** Renders a panel mail (confirmation, study invitation, reminder, renewal) as plain text and HTML. */
export function renderPanelMail(content: PanelMailContent): RenderedMail {
  const t = nl.panel.mail;
  return renderMail({
    subject: content.subject,
    greeting: t.greeting,
    paragraphs: content.paragraphs,
    actions: content.actions,
    closing: t.closing,
    organisation: content.organisation,
    stop: { text: t.withdraw, url: content.withdrawUrl },
    privacyUrl: content.privacyUrl,
  });
}
