import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { cliActor } from './cli-group';
import { createApiKey } from './api-keys/api-keys';
import { audit } from './audit/audit-log';
import { passwordProblem } from './auth/passwords';
import { issueSetPasswordLink, SET_PASSWORD_LINK_HOURS } from './auth/setup-links';
import { createUser, UserError } from './auth/users';
import { roles } from './db/schema';
import { addDemoActions } from './actions/demo-actions';
import { generateDemoHistory, settleDemoMail } from './demo/demo-history';
import { generateDemoAppointments } from './demo/demo-appointments';
import { generateDemoNoShowReasons } from './demo/demo-reasons';
import { findMail, listMailbox } from './mail/mailbox';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { BackupError, backupDatabase, openForBackup, secretsFileFor } from './backup/backup';
import { definitionJson, formatIssues, journeyDefinitionSchema } from './journeys/definition';
import { exportJourney, importJourney, JourneyImportError, listJourneys } from './journeys/journeys';
import { openRuntime } from './runtime';
import { CsvFormatError, importAppointmentFile, readAppointmentFile, type ImportResult } from './noshows/csv-import';
import { listProductMappings, mapProduct, ProductMappingError } from './noshows/products';
import { runZgwCli, zgwUsage } from './zgw/cli-commands';
import { privacyUsage, runPrivacyCli } from './privacy/cli-commands';

const usage = `Usage: npm run cli -- <command>

  api-key create --name N        create an API key for a source system (printed once, last line)
  user create --email E --role admin|manager|researcher [--password P]
                                 create a staff account; without --password a one-time link
                                 to choose one is printed
  mailbox [--limit N]            list the mails in the outbox with their links (embedded mode)
  demo [--days N] [--responses N] [--seed N]
                                 fill the database with a realistic history (default 120 days,
                                 20000 responses) through the same path as real surveys
  journey list                   list journeys
  journey export <slug> [--out F]
                                 print (or write) a journey definition as JSON
  journey import <file>          create or update a journey from a JSON definition
  appointments import <file>     import appointments from a CSV file (format: README); exit 0 when
                                 every row was imported, 1 when some rows were rejected, 2 when
                                 the file cannot be used
  appointments map --product P --journey <slug> [--touchpoint <slug>]
                                 link a booking product to a journey (and touchpoint)
  appointments map --list        list the product mappings
  backup <file> [--force]        a consistent copy of the live database (also while the server
                                 runs); an existing file is only overwritten with --force
${zgwUsage}${privacyUsage}`;

class UsageError extends Error {}

const roleSchema = z.enum(roles);
const emailSchema = z.string().trim().max(254).pipe(z.email());

async function run(argv: string[]): Promise<void> {
  // ZGW (Open Zaak, Open Klant) commands have options of their own.
  if (argv[0] === 'zgw') return runZgwCli(argv.slice(1));
  // Data-subject requests and retention.
  if (argv[0] === 'privacy') return runPrivacyCli(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      limit: { type: 'string' },
      days: { type: 'string' },
      responses: { type: 'string' },
      seed: { type: 'string' },
      product: { type: 'string' },
      journey: { type: 'string' },
      touchpoint: { type: 'string' },
      list: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, action, argument] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return;
  }
  if (group === 'backup') {
    await backup(action, values.force === true);
    return;
  }
  const { db, config, addressHashKey, mail } = openRuntime(systemClock);
  const now = systemClock.now();
  try {
    if (group === 'api-key' && action === 'create') {
      const name = values.name?.trim();
      if (!name) throw new UsageError('api-key create needs --name, for example --name zaaksysteem');
      const { id, key } = createApiKey(db, name, systemClock);
      audit(db, now, { action: 'api-key.created', object: `api-key:${id}`, result: 'success', actor: cliActor, details: { name } });
      console.log(`API key "${name}" created. It is shown only this once; store it in the source system:`);
      console.log(key);
    } else if (group === 'user' && action === 'create') {
      const role = roleSchema.safeParse(values.role);
      const email = emailSchema.safeParse(values.email ?? '');
      if (!email.success) throw new UsageError('user create needs --email with a valid address');
      if (!role.success) throw new UsageError('user create needs --role admin, manager or researcher');
      if (values.password !== undefined) {
        const problem = passwordProblem(values.password, email.data);
        if (problem) throw new UsageError(problem);
      }
      const user = await createUser(db, systemClock, { email: email.data, role: role.data, password: values.password });
      audit(db, now, { action: 'user.created', object: user.email, result: 'success', actor: cliActor, details: { role: user.role } });
      console.log(`User ${user.email} created with role ${user.role}.`);
      if (values.password === undefined) {
        const token = issueSetPasswordLink(db, user.id, now);
        console.log(`Send this one-time link to the user to choose a password (valid ${SET_PASSWORD_LINK_HOURS} hours):`);
        console.log(`${config.PUBLIC_URL}/setup/${token}`);
      }
    } else if (group === 'demo') {
      const count = (value: string | undefined, fallback: number, max: number) => {
        const parsed = value === undefined ? fallback : Number(value);
        if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new UsageError(`Use a whole number from 1 to ${max}.`);
        return parsed;
      };
      const options = { days: count(values.days, 120, 3650), responses: count(values.responses, 20_000, 2_000_000), seed: count(values.seed, 2026, 1e9) };
      console.log(`Generating ${options.responses} responses over ${options.days} days …`);
      const started = Date.now();
      const report = generateDemoHistory(db, { config, addressHashKey, mail }, options, now);
      // Appointments scale with the history: about one and a half per response.
      const appointmentsReport = generateDemoAppointments(db, { count: Math.round(options.responses * 1.5), days: options.days, seed: options.seed }, now);
      const reasons = generateDemoNoShowReasons(db, { config, addressHashKey, mail }, { count: Math.round(options.responses / 25), seed: options.seed });
      settleDemoMail(db, now);
      const actions = addDemoActions(db, now, options.days, cliActor);
      audit(db, now, { action: 'demo.generated', result: 'success', actor: cliActor, details: { ...report, appointments: appointmentsReport.appointments, reasons } });
      console.log(
        `Done in ${Math.round((Date.now() - started) / 1000)} s: ${report.cases} cases, ${report.responses} responses, ${report.suppressed} not invited (fatigue), ${report.optedOut} opt-outs; ${appointmentsReport.appointments} appointments with ${reasons} "we hebben u gemist" answers.`,
      );
      if (actions > 0) console.log(`${actions} improvement actions added; one is published on /verbeteringen.`);
      console.log('Log in as a manager and open /dashboard (heart monitor), /dashboard/verbeteracties and /dashboard/no-shows.');
    } else if (group === 'mailbox') {
      const limit = Number(values.limit ?? 10);
      for (const mail of listMailbox(db, Number.isInteger(limit) && limit > 0 ? limit : 10).reverse()) {
        const full = findMail(db, mail.id)!;
        const links = (full.textBody ?? '').match(/https?:\/\/\S+\/(?:s|afmelden)\/\S+/g) ?? [];
        console.log(`#${mail.id} ${mail.status} to ${mail.toAddress}: ${mail.subject}`);
        for (const link of links) console.log(`  ${link}`);
      }
    } else if (group === 'journey' && action === 'list') {
      for (const journey of listJourneys(db)) console.log(`${journey.slug}\t${journey.name}`);
    } else if (group === 'journey' && action === 'export') {
      if (!argument) throw new UsageError('journey export needs a journey slug');
      const definition = exportJourney(db, argument);
      if (!definition) throw new UsageError(`No journey with slug "${argument}"`);
      const json = definitionJson(definition);
      if (values.out) writeFileSync(values.out, json);
      else process.stdout.write(json);
    } else if (group === 'journey' && action === 'import') {
      if (!argument) throw new UsageError('journey import needs a JSON file');
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(argument, 'utf8'));
      } catch (error) {
        throw new UsageError(`Cannot read ${argument} as JSON: ${(error as Error).message}`);
      }
      const parsed = journeyDefinitionSchema.safeParse(input);
      if (!parsed.success) throw new UsageError(`The journey in ${argument} is not valid:\n  ${formatIssues(parsed.error).join('\n  ')}`);
      const { created } = importJourney(db, parsed.data, systemClock);
      console.log(`Journey "${parsed.data.slug}" ${created ? 'created' : 'updated'} (${parsed.data.touchpoints.length} touchpoints).`);
    } else if (group === 'appointments' && action === 'import') {
      if (!argument) throw new UsageError('appointments import needs a CSV file');
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(argument);
      } catch (error) {
        throw new UsageError(`Cannot read ${argument}: ${(error as Error).message}`);
      }
      const file = readAppointmentFile(bytes);
      let shown = 0;
      const result = await importAppointmentFile(db, { addressHashKey, now }, file, {
        // Large files: a line per tenth done.
        onProgress: (done, total) => {
          if (total <= 1000 || done === 0 || Math.floor((done * 10) / total) <= shown) return;
          shown = Math.floor((done * 10) / total);
          console.log(`  ${done} of ${total} valid rows imported (${Math.round((done * 100) / total)}%)`);
        },
      });
      const counts = { rows: result.rows, imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected };
      audit(db, now, { action: 'appointments.imported', object: basename(argument), result: 'success', actor: cliActor, details: counts });
      printImportSummary(result);
      if (result.rejected > 0) process.exitCode = 1;
    } else if (group === 'appointments' && action === 'map') {
      if (values.list) {
        const mappings = listProductMappings(db);
        if (mappings.length === 0) console.log('No product mappings yet.');
        for (const mapping of mappings) console.log(`${mapping.product}\t${mapping.journeySlug}\t${mapping.touchpointSlug ?? '-'}`);
      } else {
        if (!values.product || !values.journey) throw new UsageError('appointments map needs --product and --journey (and optionally --touchpoint), or --list');
        const mapped = mapProduct(db, { product: values.product, journey: values.journey, touchpoint: values.touchpoint });
        const details = { journey: mapped.journey.slug, touchpoint: mapped.touchpoint?.slug ?? null };
        audit(db, now, { action: 'appointments.product-mapped', object: mapped.product, result: 'success', actor: cliActor, details });
        console.log(
          `Product "${mapped.product}" mapped to journey ${mapped.journey.slug}${mapped.touchpoint ? `, touchpoint ${mapped.touchpoint.slug}` : ' (no touchpoint)'}.`,
        );
      }
    } else {
      throw new UsageError(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
    }
  } finally {
    db.$client.close();
  }
}

/** backup <file>: never migrates or changes the live database; prints where the secrets are. */
async function backup(target: string | undefined, force: boolean): Promise<void> {
  if (!target) throw new UsageError('backup needs a file name, for example: npm run cli -- backup meethuis-2026-11-20.db');
  const config = loadConfig();
  const sqlite = openForBackup(config.DATABASE_PATH);
  try {
    const result = await backupDatabase(sqlite, target, { force });
    const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
    console.log(`Backup written to ${result.file}: ${megabytes} MB (${result.bytes} bytes, ${result.pages} pages) in ${(result.durationMs / 1000).toFixed(2)} s.`);
    console.log(`Keep ${secretsFileFor(config.DATABASE_PATH)} with it (unless ADDRESS_HASH_KEY and DATA_KEY are set in the environment): without it opt-outs are not recognised and second factors and panel contact details cannot be read.`);
  } finally {
    sqlite.close();
  }
}

const SHOWN_ERRORS = 50;

function printImportSummary(result: ImportResult): void {
  console.log(
    `${result.rows} rows: ${result.imported} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected.`,
  );
  if (result.errors.length === 0) return;
  console.log('Rejected rows (line in the file, column: problem):');
  for (const error of result.errors.slice(0, SHOWN_ERRORS)) {
    console.log(`  line ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`);
  }
  if (result.errorCount > SHOWN_ERRORS) console.log(`  … and ${result.errorCount - SHOWN_ERRORS} more problems.`);
  console.log(
    result.rejected === result.rows
      ? 'No rows were imported.'
      : 'The other rows were imported. Fix these rows and import the file again: rows already imported stay as they are.',
  );
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof UsageError ||
    error instanceof JourneyImportError ||
    error instanceof ConfigError ||
    error instanceof UserError ||
    error instanceof CsvFormatError ||
    error instanceof ProductMappingError ||
    error instanceof BackupError
  ) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
