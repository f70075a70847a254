import { cliGroup, CliUsageError } from '../cli-group';
import { systemClock, type Clock } from '../clock';
import type { Runtime } from '../runtime';
import { readBounceMailbox, readBounceMailboxAsJob, type BounceHandler, type BounceMailboxReport } from './bounce-mailbox';
import { findMail, listMailbox, mailLinks } from './mailbox';

/** `npm run cli -- mailbox`: the kept mails with every link in them, labelled (embedded mode). */
export const mailboxCommands = cliGroup({
  name: 'mailbox',
  usage: `  mailbox [--limit N]            list the mails in the outbox with their links (embedded mode)
`,
  options: { limit: { type: 'string' } },
  async run({ values }, cli) {
    const { db } = cli.runtime();
    const limit = Number(values.limit ?? 10);
    for (const mail of listMailbox(db, Number.isInteger(limit) && limit > 0 ? limit : 10).reverse()) {
      const full = findMail(db, mail.id)!;
      console.log(`#${mail.id} ${mail.status} to ${mail.toAddress}: ${mail.subject}`);
      for (const link of mailLinks(full.textBody ?? '')) console.log(`  ${link.label}:\n    ${link.url}`);
    }
  },
});

/** The usage lines of `mail bounces`, for the `mail` command group. */
export const mailBouncesUsage = `  mail bounces [--dry-run]       read the bounce mailbox (BOUNCE_IMAP_URL) once now, as the server
                                 does every minute; --dry-run changes nothing (no message marked
                                 read or moved, no invitation marked)
`;

/**
 * `npm run cli -- mail bounces [--dry-run]`: one round over the bounce mailbox, kept as a job run
 * (a dry run is not). `handle` marks the invitations; for a dry run the caller gives one that only
 * classifies. Prints counts, never a message or an address.
 */
export async function readBouncesCommand(
  runtime: Pick<Runtime, 'db' | 'config'>,
  handle: BounceHandler,
  options: { dryRun: boolean; clock?: Clock; print?: (line: string) => void },
): Promise<BounceMailboxReport> {
  const url = runtime.config.BOUNCE_IMAP_URL;
  if (!url) throw new CliUsageError('No bounce mailbox: set BOUNCE_IMAP_URL (see docs/configuration.md).');
  const print = options.print ?? console.log;
  const report = options.dryRun
    ? await readBounceMailbox(url, handle, { dryRun: true })
    : await readBounceMailboxAsJob({ db: runtime.db, clock: options.clock ?? systemClock, url }, handle, { trigger: 'cli' });
  const failed = report.failed > 0 ? `, ${report.failed} could not be handled (left unread)` : '';
  print(`Bounce mailbox: ${report.read} new message(s): ${report.hard} hard bounce(s), ${report.soft} soft, ${report.ignored} not a bounce${failed}.`);
  if (options.dryRun) print('Dry run: nothing was marked read, moved or recorded.');
  return report;
}
