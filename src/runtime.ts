import { mailTemplates } from '../views/mail';
import type { Clock } from './clock';
import { loadConfig, type Config } from './config';
import { openDb, type Db } from './db/client';
import type { MailTemplates } from './mail-templates';
import { backfillDriverRollups, backfillModeRollups } from './heartmonitor/rollups';
import { loadDemoJourneysIfEmpty } from './journeys/demo-journeys';
import { loadSecrets } from './secrets';
import { citizenLanguages } from './languages/language-files';
import { syncHostingOrganisation } from './organisations/organisations';

export interface Runtime {
  config: Config;
  db: Db;
  addressHashKey: string;
  dataKey: string;
  /** The real mail templates: domain code gets them passed in instead of importing views. */
  mail: MailTemplates;
}

/** What the server and the CLI share: configuration, secrets, and the migrated database. */
export function openRuntime(clock: Clock, env: Record<string, string | undefined> = process.env): Runtime & { demoJourneysLoaded: number; languageProblems: string[] } {
  const config = loadConfig(env);
  // A language file that cannot be read stops the start, naming the file; gaps fall back to Dutch.
  const languageProblems = citizenLanguages(config.LANGUAGES_DIR).problems;
  const secrets = loadSecrets(config.DATABASE_PATH, { addressHashKey: config.ADDRESS_HASH_KEY, dataKey: config.DATA_KEY });
  const db = openDb(config.DATABASE_PATH);
  syncHostingOrganisation(db, config);
  backfillDriverRollups(db);
  backfillModeRollups(db);
  const demoJourneysLoaded = config.DEMO_JOURNEYS ? loadDemoJourneysIfEmpty(db, clock) : 0;
  return { config, db, addressHashKey: secrets.addressHashKey, dataKey: secrets.dataKey, mail: mailTemplates, demoJourneysLoaded, languageProblems };
}
