import { nl } from '../../src/texts';

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
  const text = [
    t.greeting,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...content.actions.flatMap((action) => [`${action.label}:`, action.url, '']),
    t.closing,
    content.organisation,
    '',
    '--',
    t.withdraw,
    content.withdrawUrl,
    `${nl.footer.privacy}: ${content.privacyUrl}`,
  ].join('\n');
  const html =
    '<!DOCTYPE html>' +
    (
      <html lang="nl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{content.subject}</title>
        </head>
        <body style="font-family: Arial, Helvetica, sans-serif; font-size: 17px; line-height: 1.5; color: #1a1a1a; background: #ffffff; margin: 0; padding: 16px;">
          <div style="max-width: 36em;">
            <p>{t.greeting}</p>
            {content.paragraphs.map((paragraph) => (
              <p>{paragraph}</p>
            ))}
            {content.actions.map((action) => (
              <p>
                <a
                  href={action.url}
                  style="display: inline-block; background: #1d4e89; color: #ffffff; padding: 12px 20px; border-radius: 4px; text-decoration: none; font-weight: bold;"
                >
                  {action.label}
                </a>
              </p>
            ))}
            <p>
              {t.closing}
              <br />
              {content.organisation}
            </p>
            <hr />
            <p style="font-size: 15px;">
              {t.withdraw} <a href={content.withdrawUrl} style="color: #1d4e89;">{content.withdrawUrl}</a>
              <br />
              <a href={content.privacyUrl} style="color: #1d4e89;">{nl.footer.privacy}</a>
            </p>
          </div>
        </body>
      </html>
    ).toString();
  return { subject: content.subject, text, html };
}
