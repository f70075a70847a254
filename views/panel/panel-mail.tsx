import { nl } from '../../src/texts';
import { renderMail } from '../mail/mail-layout';

export interface PanelMailContent {
  subject: string;
  organisation: string;
  paragraphs: string[];
  actions: { label: string; url: string }[];
  /** Every panel mail carries the one-click withdrawal link. */
  withdrawUrl: string;
  privacyUrl: string;
}

/** Renders a panel mail (confirmation, study invitation, reminder, renewal) as plain text and HTML. */
export function renderPanelMail(content: PanelMailContent): { subject: string; text: string; html: string } {
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
