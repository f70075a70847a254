import { cliGroup } from '../cli-group';
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
