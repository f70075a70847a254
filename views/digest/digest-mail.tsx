import type { DigestMailContent, RenderedMail } from '../../src/mail-templates';
import { nl } from '../../src/texts';
import { renderMail, type MailSection } from '../mail/mail-layout';
import { digestSections, periodLabel, previousLabel, responseRows } from './digest-sections';

const t = nl.digest;

/**
 * The staff digest as a mail: the same sections in the same words as /dashboard/samenvatting,
 * with a link to that page and to /account to change or stop it. Nothing personal beyond the
 * masked quotes the overview already chose.
 */
export function renderDigestMail(content: DigestMailContent): RenderedMail {
  const { digest } = content;
  const period = periodLabel(digest.period);
  const sections: MailSection[] = digestSections(digest).map((section) => ({
    title: section.title,
    blocks: [
      ...(section.intro ? [{ lines: [section.intro] }] : []),
      ...(section.items.length === 0 ? [{ lines: [section.none] }] : section.items),
      ...(section.more ? [{ lines: [section.more] }] : []),
    ],
  }));
  sections.push({
    title: t.responses.title,
    blocks: responseRows(digest).map((row) => ({
      lines: [row.invited === undefined ? `${row.journey.name}: ${t.responses.tooFew(digest.minGroupSize)}.` : t.responses.line(row.journey.name, row.invited, row.answered!, row.rate!)],
    })),
  });
  return renderMail({
    subject: t.subject(period),
    greeting: t.mail.greeting,
    paragraphs: [t.intro(period, previousLabel(digest.period))],
    sections,
    actions: [{ label: t.mail.pageLabel, url: content.pageUrl }],
    after: [t.privacy(digest.minGroupSize)],
    closing: t.mail.closing,
    organisation: content.organisation,
    stop: { text: t.mail.stop, url: content.accountUrl },
    privacyUrl: content.privacyUrl,
  });
}
