import { cliGroup } from '../cli-group';
import { findMail, listMailbox } from './mailbox';

/** `npm run cli -- mailbox`: the kept mails with their survey and opt-out links (embedded mode). */
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
      const links = (full.textBody ?? '').match(/https?:\/\/\S+\/(?:s|afmelden)\/\S+/g) ?? [];
      console.log(`#${mail.id} ${mail.status} to ${mail.toAddress}: ${mail.subject}`);
      for (const link of links) console.log(`  ${link}`);
    }
  },
});
