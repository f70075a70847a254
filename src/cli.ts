import { apiKeyCommands } from './api-keys/cli-commands';
import { userCommands } from './auth/cli-commands';
import { backupCommands } from './backup/cli-commands';
import { callbackCommands } from './callbacks/cli-commands';
import { runCli } from './cli-group';
import { loadEnvFileIfPresent } from './config';
import { demoCommands } from './demo/cli-commands';
import { digestCommands } from './digest/cli-commands';
import { journeyCommands } from './journeys/cli-commands';
import { mailboxCommands } from './mail/cli-commands';
import { mailCommands } from './mail/cli-commands';
import { appointmentCommands } from './noshows/cli-commands';
import { organisationCommands } from './organisations/cli-commands';
import { privacyCommands } from './privacy/cli-commands';
import { zgwCommands } from './zgw/cli-commands';

loadEnvFileIfPresent();

// `npm run cli -- <command>`: each feature declares its commands in its cli-commands.ts; this
// list is the order of the usage text.
await runCli(process.argv.slice(2), [
  organisationCommands,
  apiKeyCommands,
  userCommands,
  mailboxCommands,
  mailCommands,
  demoCommands,
  journeyCommands,
  appointmentCommands,
  backupCommands,
  zgwCommands,
  privacyCommands,
  digestCommands,
  callbackCommands,
]);
