import { cliGroup, CliUsageError } from '../cli-group';
import { loadConfig } from '../config';
import { BackupError, backupDatabase, openForBackup, secretsFileFor } from './backup';

/**
 * `npm run cli -- backup <file>`: never migrates or changes the live database (so it does not
 * open the runtime); prints where the secrets are.
 */
export const backupCommands = cliGroup({
  name: 'backup',
  usage: `  backup <file> [--force]        a consistent copy of the live database (also while the server
                                 runs); an existing file is only overwritten with --force
`,
  options: { force: { type: 'boolean' } },
  usageErrors: [BackupError],
  async run({ positionals: [target], values }) {
    if (!target) throw new CliUsageError('backup needs a file name, for example: npm run cli -- backup meethuis-2026-11-20.db');
    const config = loadConfig();
    const sqlite = openForBackup(config.DATABASE_PATH);
    try {
      const result = await backupDatabase(sqlite, target, { force: values.force === true });
      const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
      console.log(`Backup written to ${result.file}: ${megabytes} MB (${result.bytes} bytes, ${result.pages} pages) in ${(result.durationMs / 1000).toFixed(2)} s.`);
      console.log(`Keep ${secretsFileFor(config.DATABASE_PATH)} with it (unless ADDRESS_HASH_KEY and DATA_KEY are set in the environment): without it opt-outs are not recognised and second factors and panel contact details cannot be read.`);
    } finally {
      sqlite.close();
    }
  },
});
