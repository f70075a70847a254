import { z } from 'zod';
import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock, type Clock } from '../clock';
import { loadConfig } from '../config';
import type { Runtime } from '../runtime';
import { lastJobRuns } from '../job-runs';
import { nl } from '../texts';
import { classifyBounce, readBounceMail } from './bounce-classifier';
import { BOUNCE_MAILBOX_JOB, readBounceMailbox, readBounceMailboxAsJob, type BounceHandler, type BounceMailboxReport } from './bounce-mailbox';
import { handleBounce } from './bounces';
import { DkimKeyExistsError, dkimDnsRecord, generateDkimKey, generatedDkimKeyPath, loadDkimSigning, mailFromDomain } from './dkim';
import { checkMailSetup, queueTestMail, systemResolver } from './setup-check';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { findMail, listMailbox, mailLinks } from './mailbox';

/** `npm run cli -- mailbox`: one organisation's kept mails with every link in them, labelled (embedded mode). */
export const mailboxCommands = cliGroup({
  name: 'mailbox',
  usage: `  mailbox [--limit N] [--organisation S]
                                 list the mails in the outbox with their links (embedded mode),
                                 those sent in the name of organisation S (default: the hosting one)
`,
  options: { limit: { type: 'string' }, organisation: { type: 'string' } },
  usageErrors: [OrganisationError],
  async run({ values }, cli) {
    const { db } = cli.runtime();
    const limit = Number(values.limit ?? 10);
    const organisationId = organisationForCli(db, values.organisation).id;
    for (const mail of listMailbox(db, Number.isInteger(limit) && limit > 0 ? limit : 10, { organisationId }).reverse()) {
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
/** A dry run only classifies: nothing is recorded. */
const classifyOnly: BounceHandler = async ({ raw }) => {
  const classification = classifyBounce(await readBounceMail(raw));
  return { status: classification.kind };
};

/** `npm run cli -- mail dkim-key | check | bounces`: the DKIM key, the mail set-up check, the bounce mailbox. */
export const mailCommands = cliGroup({
  name: 'mail',
  usage: `  mail dkim-key [--selector S] [--force]
                                 generate the DKIM signing key in the data directory and print the DNS record
  mail check [--send-test ADDRESS]
                                 check SPF, DKIM, DMARC and the SMTP server; queue a test mail
${mailBouncesUsage}`,
  ownHelp: true,
  options: { selector: { type: 'string' }, force: { type: 'boolean' }, 'send-test': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  usageErrors: [DkimKeyExistsError],
  async run({ positionals, values }, cli) {
    const command = positionals[0];
    if (command === 'dkim-key') {
      const config = loadConfig();
      const selector = (values.selector ?? config.DKIM_SELECTOR ?? 'meethuis').toLowerCase();
      if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(selector)) throw new CliUsageError(`--selector must be letters, digits and hyphens, such as meethuis2026 (got "${selector}").`);
      const domain = config.DKIM_DOMAIN ?? mailFromDomain(config.MAIL_FROM) ?? 'gemeente.nl';
      const path = generatedDkimKeyPath(config.DATABASE_PATH, selector);
      const privateKey = generateDkimKey(path, { force: values.force });
      const record = dkimDnsRecord({ domainName: domain, keySelector: selector, privateKey });
      console.log(`Wrote a new DKIM key (RSA 2048) to ${path} (readable only by this user).\n`);
      console.log(`1. Publish this TXT record in the DNS of ${domain}:\n`);
      console.log(`${record.name}. TXT ${record.strings.map((part) => `"${part}"`).join(' ')}\n`);
      console.log('2. Set these in .env (or the environment) and restart meethuis:\n');
      console.log(`DKIM_DOMAIN=${domain}\nDKIM_SELECTOR=${selector}`);
      if (config.DKIM_PRIVATE_KEY_FILE) console.log('(and remove DKIM_PRIVATE_KEY_FILE, which points to another key)');
      console.log('\n3. Once the record is visible, check it: npm run cli -- mail check');
      return;
    }
    if (command === 'check') {
      const { config, db } = cli.runtime();
      const report = await checkMailSetup({ config, dkim: loadDkimSigning(config), resolver: systemResolver(), bounceMailboxRun: lastJobRuns(db).get(BOUNCE_MAILBOX_JOB) });
      const t = nl.mailCheck;
      console.log(`Mail set-up of ${report.domain || '(no domain in MAIL_FROM)'}:`);
      for (const item of report.items) {
        const explanation = t.explain(item);
        console.log(`\n[${item.status.toUpperCase()}] ${t.parts[item.part]}\n  ${explanation.summary}`);
        if (explanation.advice) console.log(`  → ${explanation.advice}`);
      }
      const to = values['send-test'];
      if (to !== undefined) {
        if (!z.email().safeParse(to).success) throw new CliUsageError(t.testAddressError);
        const id = queueTestMail(db, config, systemClock.now(), to, t.testMail(config.ORGANISATION_NAME));
        audit(db, systemClock.now(), { actor: cliActor, action: 'mail.test-queued', object: `outbox:${id}`, result: 'success' });
        console.log(`\nTest mail #${id} queued: the running server sends it within a minute (see /admin/uitgaande-mail).`);
      }
      if (report.items.some((item) => item.status === 'error')) process.exitCode = 1;
      return;
    }
    if (command === 'bounces') {
      const runtime = cli.runtime();
      const dryRun = values['dry-run'] === true;
      const handle: BounceHandler = dryRun ? classifyOnly : (message) => handleBounce(runtime.db, { clock: systemClock, addressHashKey: runtime.addressHashKey }, message);
      await readBouncesCommand(runtime, handle, { dryRun });
      return;
    }
    throw cli.unknownCommand();
  },
});
