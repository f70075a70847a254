import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError, type CliContext } from '../cli-group';
import type { Organisation } from '../db/schema';
import { systemClock } from '../clock';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { CsvFormatError, importAppointmentFile, readAppointmentFile, type ImportResult } from './csv-import';
import { listProductMappings, mapProduct, ProductMappingError } from './products';

/** `npm run cli -- appointments import | map`: the CSV import and the product mappings. */
export const appointmentCommands = cliGroup({
  name: 'appointments',
  usage: `  appointments import <file>     import appointments from a CSV file (format: docs/appointments-and-no-shows.md); exit 0 when
                                 every row was imported, 1 when some rows were rejected, 2 when
                                 the file cannot be used
  appointments map --product P --journey <slug> [--touchpoint <slug>]
                                 link a booking product to a journey (and touchpoint)
  appointments map --list        list the product mappings
  Both take [--organisation S]: the appointments and products of the organisation with slug S
  (default: the hosting organisation).
`,
  options: { product: { type: 'string' }, journey: { type: 'string' }, touchpoint: { type: 'string' }, list: { type: 'boolean' }, organisation: { type: 'string' } },
  usageErrors: [CsvFormatError, ProductMappingError, OrganisationError],
  async run({ positionals: [action, argument], values }, cli) {
    const { db } = cli.runtime();
    if (action !== 'import' && action !== 'map') throw cli.unknownCommand();
    const organisation = organisationForCli(db, values.organisation);
    if (action === 'import') return importFile(argument, organisation, cli);
    if (values.list) {
      const mappings = listProductMappings(db, organisation.id);
      if (mappings.length === 0) console.log('No product mappings yet.');
      for (const mapping of mappings) console.log(`${mapping.product}\t${mapping.journeySlug}\t${mapping.touchpointSlug ?? '-'}`);
      return;
    }
    if (!values.product || !values.journey) throw new CliUsageError('appointments map needs --product and --journey (and optionally --touchpoint), or --list');
    const mapped = mapProduct(db, { product: values.product, journey: values.journey, touchpoint: values.touchpoint }, organisation.id);
    const details = { journey: mapped.journey.slug, touchpoint: mapped.touchpoint?.slug ?? null, organisation: organisation.slug };
    audit(db, systemClock.now(), { action: 'appointments.product-mapped', object: mapped.product, result: 'success', actor: cliActor, details });
    console.log(
      `Product "${mapped.product}" mapped to journey ${mapped.journey.slug}${mapped.touchpoint ? `, touchpoint ${mapped.touchpoint.slug}` : ' (no touchpoint)'}.`,
    );
  },
});

/** Exit code 0 when every row was imported, 1 when some were rejected. */
async function importFile(path: string | undefined, organisation: Organisation, cli: CliContext): Promise<void> {
  if (!path) throw new CliUsageError('appointments import needs a CSV file');
  const { db, addressHashKey } = cli.runtime();
  const now = systemClock.now();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliUsageError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const file = readAppointmentFile(bytes);
  let shown = 0;
  const result = await importAppointmentFile(db, { addressHashKey, now, organisationId: organisation.id }, file, {
    // Large files: a line per tenth done.
    onProgress: (done, total) => {
      if (total <= 1000 || done === 0 || Math.floor((done * 10) / total) <= shown) return;
      shown = Math.floor((done * 10) / total);
      console.log(`  ${done} of ${total} valid rows imported (${Math.round((done * 100) / total)}%)`);
    },
  });
  const counts = { rows: result.rows, imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected };
  audit(db, now, { action: 'appointments.imported', object: basename(path), result: 'success', actor: cliActor, details: counts });
  printImportSummary(result);
  if (result.rejected > 0) process.exitCode = 1;
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
