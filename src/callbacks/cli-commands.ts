import { cliGroup } from '../cli-group';
import { systemClock } from '../clock';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { formatDateTime } from '../texts';
import { listCallbacks, listLateCallbacks } from './work-list';

const usage = `  callbacks list [--late] [--organisation S]
                               open and taken call-back requests of the organisation (default: the
                                 own one), oldest due first; with --late only those past their due
                                 time (exit code 1 when there are any)
`;

/** `npm run cli -- callbacks list [--late] [--organisation S]`: the KCC work list for administrators, without contact details. */
export const callbackCommands = cliGroup({
  name: 'callbacks',
  usage,
  options: { late: { type: 'boolean' }, organisation: { type: 'string' } },
  ownHelp: true,
  usageErrors: [OrganisationError],
  async run({ positionals, values }, cli) {
    if (positionals[0] !== 'list' || positionals.length > 1) throw cli.unknownCommand();
    const { db } = cli.runtime();
    const organisationId = organisationForCli(db, values.organisation).id;
    const now = systemClock.now();
    const items = values.late ? listLateCallbacks(db, now, organisationId) : listCallbacks(db, { status: 'active', organisationId }, now);
    for (const item of items) {
      const late = item.dueAt < now ? ' LATE' : '';
      console.log(`#${item.id} ${item.status} due ${formatDateTime(item.dueAt)}${late} · ${item.journey} · ${item.reason} · attempts ${item.attempts} · ${item.assignedTo ?? 'unassigned'}`);
    }
    console.log(`${items.length} ${values.late ? 'late ' : ''}request(s).`);
    // For monitoring: --late fails while anything is past its norm.
    if (values.late && items.length > 0) process.exitCode = 1;
  },
});
