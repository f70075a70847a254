import type { RenderedMail } from '../../src/mail-templates';
import { dutch, inLanguage, type CitizenLanguage } from '../../src/texts/citizen';

/** A titled part of a longer mail (the staff digest): blocks of a bold heading, lines and a quote. */
export interface MailSection {
  title: string;
  blocks: { heading?: string; lines: string[]; quote?: string }[];
}

/** The parts every mail of ours has; survey and panel mails differ only in their words and links. */
export interface MailParts {
  subject: string;
  greeting: string;
  /** Paragraphs before the buttons. */
  paragraphs: string[];
  /** Titled sections after those paragraphs (the digest). */
  sections?: MailSection[];
  actions: { label: string; url: string }[];
  /** Paragraphs after the buttons. */
  after?: string[];
  /** A sentence with a plain link after those paragraphs (e.g. "Dit deden we met uw feedback"). */
  links?: { lead: string; label: string; url: string }[];
  closing: string;
  organisation: string;
  /** The one-click way out (opt-out or panel withdrawal) that every mail carries. */
  stop: { text: string; url: string };
  privacyUrl: string;
  /** Defaults to /toegankelijkheid beside the privacy URL. Both get the reader's language (`?taal=`). */
  accessibilityUrl?: string;
  /** The reader's language (citizen mails): `lang`, `dir` and the footer's words; Dutch when absent. */
  language?: CitizenLanguage;
}

/** Plain text and HTML (inline styles only: mail clients drop stylesheets) of one mail. */
export function renderMail(parts: MailParts): RenderedMail {
  const after = parts.after ?? [];
  const links = parts.links ?? [];
  const sections = parts.sections ?? [];
  const language = parts.language ?? dutch;
  const footer = language.texts.page;
  // The accessibility statement lives beside the privacy statement (/privacy → /toegankelijkheid).
  const accessibilityUrl = inLanguage(parts.accessibilityUrl ?? parts.privacyUrl.replace(/\/privacy$/, '/toegankelijkheid'), language.code);
  const privacyUrl = inLanguage(parts.privacyUrl, language.code);
  const text = [
    parts.greeting,
    '',
    ...parts.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...sections.flatMap((section) => [
      `== ${section.title} ==`,
      '',
      ...section.blocks.flatMap((block) => [
        ...(block.heading ? [`* ${block.heading}`] : []),
        ...block.lines.map((line) => (block.heading ? `  ${line}` : line)),
        ...(block.quote ? [`  „${block.quote}”`] : []),
        '',
      ]),
    ]),
    ...parts.actions.flatMap((action) => [`${action.label}:`, action.url, '']),
    ...after.flatMap((paragraph) => [paragraph, '']),
    ...links.flatMap((link) => [`${link.lead} "${link.label}":`, link.url, '']),
    parts.closing,
    parts.organisation,
    '',
    '--',
    parts.stop.text,
    parts.stop.url,
    `${footer.footerPrivacy}: ${privacyUrl}`,
    `${footer.footerAccessibility}: ${accessibilityUrl}`,
  ].join('\n');

  const html =
    '<!DOCTYPE html>' +
    (
      <html lang={language.code} dir={language.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{parts.subject}</title>
        </head>
        <body style="font-family: Arial, Helvetica, sans-serif; font-size: 17px; line-height: 1.5; color: #1a1a1a; background: #ffffff; margin: 0; padding: 16px;">
          <div style="max-width: 36em;" dir={language.dir}>
            <p>{parts.greeting}</p>
            {parts.paragraphs.map((paragraph) => (
              <p>{paragraph}</p>
            ))}
            {sections.map((section) => (
              <>
                <h2 style="font-size: 20px; margin: 24px 0 8px;">{section.title}</h2>
                {section.blocks.map((block) => (
                  <>
                    <p style={block.quote ? 'margin: 0 0 4px;' : 'margin: 0 0 12px;'}>
                      {block.heading ? (
                        <>
                          <strong>{block.heading}</strong>
                          <br />
                        </>
                      ) : null}
                      {block.lines.map((line, index) => (
                        <>
                          {index > 0 ? <br /> : null}
                          {line}
                        </>
                      ))}
                    </p>
                    {block.quote ? <blockquote style="margin: 4px 0 16px 0; padding-left: 12px; border-left: 4px solid #1d4e89;">{`„${block.quote}”`}</blockquote> : null}
                  </>
                ))}
              </>
            ))}
            {parts.actions.map((action) => (
              <p>
                <a
                  href={action.url}
                  style="display: inline-block; background: #1d4e89; color: #ffffff; padding: 12px 20px; border-radius: 4px; text-decoration: none; font-weight: bold;"
                >
                  {action.label}
                </a>
              </p>
            ))}
            {after.map((paragraph) => (
              <p>{paragraph}</p>
            ))}
            {links.map((link) => (
              <p>
                {`${link.lead} `}
                <a href={link.url} style="color: #1d4e89;">
                  {link.label}
                </a>
              </p>
            ))}
            <p>
              {parts.closing}
              <br />
              {parts.organisation}
            </p>
            <hr />
            <p style="font-size: 15px;">
              {parts.stop.text} <a href={parts.stop.url} style="color: #1d4e89;">{parts.stop.url}</a>
              <br />
              <a href={privacyUrl} style="color: #1d4e89;">{footer.footerPrivacy}</a>
              {' · '}
              <a href={accessibilityUrl} style="color: #1d4e89;">{footer.footerAccessibility}</a>
            </p>
          </div>
        </body>
      </html>
    ).toString();

  return { subject: parts.subject, text, html };
}
