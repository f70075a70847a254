import { z } from 'zod';
import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { nl } from '../texts';
import { DkimKeyExistsError, dkimDnsRecord, generateDkimKey, generatedDkimKeyPath, loadDkimSigning, mailFromDomain } from './dkim';
import { checkMailSetup, queueTestMail, systemResolver } from './setup-check';
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

/** `npm run cli -- mail dkim-key | check`: the DKIM key and the mail set-up check. */
export const mailCommands = cliGroup({
  name: 'mail',
  usage: `  mail dkim-key [--selector S] [--force]
                                 generate the DKIM signing key in the data directory and print the DNS record
  mail check [--send-test ADDRESS]
                                 check SPF, DKIM, DMARC and the SMTP server; queue a test mail
`,
  ownHelp: true,
  options: { selector: { type: 'string' }, force: { type: 'boolean' }, 'send-test': { type: 'string' } },
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
      const report = await checkMailSetup({ config, dkim: loadDkimSigning(config), resolver: systemResolver() });
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
    throw cli.unknownCommand();
  },
});
