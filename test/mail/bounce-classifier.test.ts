/**
 * The fixtures in test/fixtures/bounces/ follow real shapes:
 * - postfix-hard-5.1.1.eml, postfix-soft-4.2.2.eml: as Postfix's bounce(8) writes a non-delivery and
 *   a delay notice (multipart/report with its "This is the mail system at host …" text, the
 *   message/delivery-status part with X-Postfix-Queue-ID, and text/rfc822-headers);
 * - rfc3464-simple.eml: the "Simple DSN" example of RFC 3464's examples appendix (Action: failed
 *   with Status 4.0.0 after five days of timeouts);
 * - qmail-hard.eml: qmail-send's plain-text bounce ("Hi. This is the qmail-send program …");
 * - exchange-ndr-hard.eml: the text of a Microsoft Exchange 2007 NDR without its DSN part, after
 *   sisimai/set-of-emails maildir/bsd/email-exchange2007-05.eml;
 * - out-of-office.eml: an Outlook-style automatic reply (Auto-Submitted: auto-replied).
 */
import { describe, expect, it } from 'vitest';
import { classifyBounce, readBounceMail } from '../../src/mail/bounce-classifier';
import { bounceFixture } from '../helpers/bounces';


const classify = async (name: string) => classifyBounce(await readBounceMail(Buffer.from(bounceFixture(name))));

describe('classifyBounce', () => {
  it('reads a Postfix DSN for an unknown user as a hard bounce 5.1.1', async () => {
    expect(await classify('postfix-hard-5.1.1.eml')).toEqual({ kind: 'hard', status: '5.1.1', reason: 'dsn' });
  });

  it('reads a Postfix delay notice for a full mailbox as a soft bounce 4.2.2', async () => {
    expect(await classify('postfix-soft-4.2.2.eml')).toEqual({ kind: 'soft', status: '4.2.2', reason: 'dsn' });
  });

  it('reads a failed delivery with a temporary status (RFC 3464 example) as soft', async () => {
    expect(await classify('rfc3464-simple.eml')).toEqual({ kind: 'soft', status: '4.0.0', reason: 'dsn' });
  });

  it('reads the non-standard qmail bounce and the Exchange NDR text by their status codes', async () => {
    expect(await classify('qmail-hard.eml')).toEqual({ kind: 'hard', status: '5.1.1', reason: 'qmail' });
    expect(await classify('exchange-ndr-hard.eml')).toEqual({ kind: 'hard', status: '5.1.10', reason: 'text' });
  });

  it('ignores an out-of-office reply', async () => {
    expect(await classify('out-of-office.eml')).toEqual({ kind: 'ignored', reason: 'auto-reply' });
  });

  it('reads a qmail bounce without a status code by its words, and not a code in the copied message', async () => {
    const mail = await readBounceMail(
      Buffer.from(
        bounceFixture('qmail-hard.eml').replace('(#5.1.1)', '').replace('Beste inwoner,', 'Fout 550 5.7.1 in de kopie'),
      ),
    );
    expect(classifyBounce(mail)).toEqual({ kind: 'hard', status: '5.0.0', reason: 'qmail' });
  });

  it('takes the worst recipient of a DSN and ignores delivered ones', () => {
    const deliveryStatus = 'Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; x@a\nAction: delivered\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; y@a\nAction: failed\nStatus: 5.2.1\n';
    const base = { from: 'MAILER-DAEMON@a', subject: 'x', autoSubmitted: '', text: '' };
    expect(classifyBounce({ ...base, deliveryStatus })).toEqual({ kind: 'hard', status: '5.2.1', reason: 'dsn' });
    expect(classifyBounce({ ...base, deliveryStatus: deliveryStatus.split('\n\nFinal-Recipient: rfc822; y@a')[0]! })).toEqual({ kind: 'ignored', reason: 'delivered' });
  });
});
