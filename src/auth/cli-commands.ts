import { z } from 'zod';
import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { linkBaseNote } from '../config';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { systemClock } from '../clock';
import { roles } from '../db/schema';
import { passwordProblem } from './passwords';
import { issueSetPasswordLink, SET_PASSWORD_LINK_HOURS } from './setup-links';
import { createUser, UserError } from './users';

const roleSchema = z.enum(roles);
const emailSchema = z.string().trim().max(254).pipe(z.email());

/** `npm run cli -- user create …`: without --password, a one-time link to choose one. */
export const userCommands = cliGroup({
  name: 'user',
  usage: `  user create --email E --role admin|manager|researcher|kcc [--password P] [--organisation S]
                                 create a staff account (of the organisation with slug S; default
                                 the hosting organisation); without --password a one-time link
                                 to choose one is printed
`,
  options: { email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, organisation: { type: 'string' } },
  usageErrors: [UserError, OrganisationError],
  async run({ positionals: [action], values }, cli) {
    const { db, config } = cli.runtime();
    if (action !== 'create') throw cli.unknownCommand();
    const now = systemClock.now();
    const role = roleSchema.safeParse(values.role);
    const email = emailSchema.safeParse(values.email ?? '');
    if (!email.success) throw new CliUsageError('user create needs --email with a valid address');
    if (!role.success) throw new CliUsageError('user create needs --role admin, manager, researcher or kcc');
    if (values.password !== undefined) {
      const problem = passwordProblem(values.password, email.data);
      if (problem) throw new CliUsageError(problem);
    }
    const organisation = organisationForCli(db, values.organisation);
    const user = await createUser(db, systemClock, { email: email.data, role: role.data, password: values.password, organisationId: organisation.id });
    audit(db, now, { action: 'user.created', object: user.email, result: 'success', actor: cliActor, details: { role: user.role, organisation: organisation.slug } });
    console.log(`User ${user.email} created with role ${user.role} for ${organisation.name} (${organisation.slug}).`);
    if (values.password === undefined) {
      const token = issueSetPasswordLink(db, user.id, now);
      console.log(`Send this one-time link to the user to choose a password (valid ${SET_PASSWORD_LINK_HOURS} hours):`);
      console.log(`${config.PUBLIC_URL}/setup/${token}`);
      console.log(linkBaseNote(config.PUBLIC_URL));
    }
  },
});
