import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { queueDigests } from './send';

const usage = `  digest send [--period month|week] [--again]
                                 queue the digest of the last complete month (default) or ISO week
                                 now for everyone subscribed to that frequency; the running server
                                 mails it. Whoever already had that period's digest is skipped,
                                 unless --again
`;

/**
 * `npm run cli -- digest send`: for testing and for cron users. The same once-per-user-and-period
 * memory as the schedule, so running it beside the server never mails a period twice. Exit code
 * 2 for wrong use.
 */
export const digestCommands = cliGroup({
  name: 'digest',
  usage,
  options: { period: { type: 'string' }, again: { type: 'boolean' } },
  ownHelp: true,
  async run({ positionals, values }, cli) {
    if (positionals[0] !== 'send' || positionals.length > 1) throw cli.unknownCommand();
    const period = values.period ?? 'month';
    if (period !== 'month' && period !== 'week') throw new CliUsageError(`--period must be month or week, not "${period}"`);
    const { db, config, mail } = cli.runtime();
    const again = values.again === true;
    const report = queueDigests({ db, config, clock: systemClock, mail }, period, { mode: 'now', again });
    audit(db, systemClock.now(), { action: 'digest.sent', object: report.period.key, result: 'success', actor: cliActor, details: { queued: report.queued, again } });
    const { key, from, to } = report.period;
    console.log(`Digest ${key} (${from} to ${to}): queued for ${report.queued} subscriber(s).`);
    if (report.alreadySent > 0) console.log(`${report.alreadySent} subscriber(s) already had it and were skipped; add --again to send it to them again.`);
  },
});
