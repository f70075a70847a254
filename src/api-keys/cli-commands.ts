import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { createApiKey } from './api-keys';

/** `npm run cli -- api-key create --name N`: the key is printed once, as the last line. */
export const apiKeyCommands = cliGroup({
  name: 'api-key',
  usage: `  api-key create --name N [--organisation S]
                                 create an API key for a source system (printed once, last line);
                                 its events are the organisation's with slug S (default: the hosting one)
`,
  options: { name: { type: 'string' }, organisation: { type: 'string' } },
  usageErrors: [OrganisationError],
  async run({ positionals: [action], values }, cli) {
    const { db } = cli.runtime();
    if (action !== 'create') throw cli.unknownCommand();
    const name = values.name?.trim();
    if (!name) throw new CliUsageError('api-key create needs --name, for example --name zaaksysteem');
    const organisation = organisationForCli(db, values.organisation);
    const { id, key } = createApiKey(db, name, systemClock, organisation.id);
    audit(db, systemClock.now(), { action: 'api-key.created', object: `api-key:${id}`, result: 'success', actor: cliActor, details: { name, organisation: organisation.slug } });
    console.log(`API key "${name}" created for ${organisation.name} (${organisation.slug}). It is shown only this once; store it in the source system:`);
    console.log(key);
  },
});
