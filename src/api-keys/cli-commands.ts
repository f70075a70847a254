import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { createApiKey } from './api-keys';

/** `npm run cli -- api-key create --name N`: the key is printed once, as the last line. */
export const apiKeyCommands = cliGroup({
  name: 'api-key',
  usage: `  api-key create --name N        create an API key for a source system (printed once, last line)
`,
  options: { name: { type: 'string' } },
  async run({ positionals: [action], values }, cli) {
    const { db } = cli.runtime();
    if (action !== 'create') throw cli.unknownCommand();
    const name = values.name?.trim();
    if (!name) throw new CliUsageError('api-key create needs --name, for example --name zaaksysteem');
    const { id, key } = createApiKey(db, name, systemClock);
    audit(db, systemClock.now(), { action: 'api-key.created', object: `api-key:${id}`, result: 'success', actor: cliActor, details: { name } });
    console.log(`API key "${name}" created. It is shown only this once; store it in the source system:`);
    console.log(key);
  },
});
