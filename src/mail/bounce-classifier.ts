/**
 * What a bounce says happened to a mail. Standard delivery status notifications (RFC 3464:
 * multipart/report; report-type=delivery-status) are read per recipient: `Action: failed` with a
 * 5.x.x status is a hard bounce (the address does not exist or refuses for good), a 4.x.x status
 * or `Action: delayed` a soft one (full mailbox, server down: the remote side retries or the
 * address may work later). Bounces that are no DSN (qmail, old Exchange NDRs, plain-text reports)
 * are recognised by the enhanced status code (RFC 3463) or SMTP reply code in their text. An
 * auto-reply such as an out-of-office message is no bounce.
 */
import { simpleParser } from 'mailparser';

export type BounceKind = 'hard' | 'soft';

export type BounceClassification =
  | { kind: BounceKind; /** The enhanced status code ("5.1.1") or SMTP reply code ("550"). */ status: string; reason: string }
  | { kind: 'ignored'; reason: string };

/** The parts of a received mail a classification reads. */
export interface BounceMail {
  from: string;
  subject: string;
  autoSubmitted: string;
  text: string;
  /** The body of the message/delivery-status part, if the mail has one. */
  deliveryStatus?: string;
}

/** Reads a raw mail with mailparser; the delivery-status part comes from the raw MIME, as mailparser folds it into the text. */
export async function readBounceMail(raw: Buffer | string): Promise<BounceMail> {
  const parsed = await simpleParser(raw);
  const header = (name: string) => {
    const value = parsed.headers.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    from: parsed.from?.value.map((address) => address.address ?? '').join(' ') ?? '',
    subject: parsed.subject ?? '',
    autoSubmitted: header('auto-submitted'),
    text: parsed.text ?? '',
    deliveryStatus: deliveryStatusPart(Buffer.isBuffer(raw) ? raw.toString('latin1') : raw),
  };
}

/** The body of the first message/(global-)delivery-status part: its header lines, a blank line, fields up to the next boundary. */
export function deliveryStatusPart(raw: string): string | undefined {
  const lines = raw.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((line) => /^content-type:\s*message\/(global-)?delivery-status\b/i.test(line));
  if (start < 0) return undefined;
  let index = start + 1;
  while (index < lines.length && lines[index] !== '') index++;
  const body: string[] = [];
  for (index++; index < lines.length && !lines[index]!.startsWith('--'); index++) body.push(lines[index]!);
  return body.join('\n');
}

interface RecipientReport {
  action: string;
  status: string;
  diagnostic: string;
}

/** The per-recipient blocks of a DSN (the first block is about the message), continuation lines unfolded. */
function recipientReports(deliveryStatus: string): RecipientReport[] {
  const blocks = deliveryStatus.replace(/\n[ \t]+/g, ' ').split(/\n\s*\n/).slice(1);
  return blocks
    .map((block) => {
      const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(block)?.[1]?.trim() ?? '';
      return { action: field('Action').toLowerCase(), status: field('Status'), diagnostic: field('Diagnostic-Code') };
    })
    .filter((report) => report.action !== '');
}

// An enhanced status code not part of a longer dotted number (an IP address, a version).
const ENHANCED_STATUS = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/;
const SMTP_REPLY = /(?<![\d.#-])([45][0-5]\d)(?=[ -]|$)/m;

function codeIn(text: string): { kind: BounceKind; status: string } | undefined {
  const enhanced = ENHANCED_STATUS.exec(text);
  if (enhanced && enhanced[1] !== '2') return { kind: enhanced[1] === '5' ? 'hard' : 'soft', status: enhanced[0] };
  const reply = SMTP_REPLY.exec(text);
  if (reply) return { kind: reply[1]!.startsWith('5') ? 'hard' : 'soft', status: reply[1]! };
  return undefined;
}

// Mailer daemons' senders and subjects (Postfix, Sendmail, Exim, qmail, Exchange, Gmail) and qmail's greeting.
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mdaemon)@/i;
const BOUNCE_SUBJECT = /undeliver|undelivered|delivery (status notification|failure|has failed)|returned mail|failure notice|mail delivery failed|non.?delivery|onbestelbaar|niet bezorgd|kan niet worden bezorgd/i;
const QMAIL = /Hi\. This is the qmail-send program/;

export function classifyBounce(mail: BounceMail): BounceClassification {
  if (mail.deliveryStatus !== undefined) {
    const reports = recipientReports(mail.deliveryStatus);
    const judged = reports.map((report) => {
      if (report.action === 'failed') {
        const code = codeIn(report.status) ?? codeIn(report.diagnostic);
        return code ?? { kind: 'hard' as const, status: report.status || 'failed' };
      }
      if (report.action === 'delayed') return { kind: 'soft' as const, status: codeIn(report.status)?.status ?? report.status };
      return undefined;
    });
    const hard = judged.find((code) => code?.kind === 'hard');
    const soft = judged.find((code) => code?.kind === 'soft');
    const worst = hard ?? soft;
    if (worst) return { ...worst, reason: 'dsn' };
    return { kind: 'ignored', reason: reports.length > 0 ? 'delivered' : 'dsn-without-recipients' };
  }
  const looksLikeBounce = BOUNCE_SENDER.test(mail.from) || BOUNCE_SUBJECT.test(mail.subject) || QMAIL.test(mail.text);
  if (!looksLikeBounce) {
    return { kind: 'ignored', reason: /^auto-replied/i.test(mail.autoSubmitted) ? 'auto-reply' : 'not-a-bounce' };
  }
  // The report comes before the copy of the original message, which must not be read as the report.
  const report = mail.text.split(/^(-+ ?Below this line is a copy of the message\.?|Original message headers:|-+ ?Original message -+)/im)[0]!;
  const code = codeIn(report);
  if (code) return { ...code, reason: QMAIL.test(mail.text) ? 'qmail' : 'text' };
  if (QMAIL.test(report)) {
    if (/permanent error/i.test(report)) return { kind: 'hard', status: '5.0.0', reason: 'qmail' };
    if (/temporary|will keep trying|still trying/i.test(report)) return { kind: 'soft', status: '4.0.0', reason: 'qmail' };
  }
  return { kind: 'ignored', reason: 'no-status' };
}
