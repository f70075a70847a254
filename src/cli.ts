import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApiKey } from './api-keys/api-keys';
import { systemClock } from './clock';
import { ConfigError } from './config';
import { formatIssues, journeyDefinitionSchema } from './journeys/definition';
import { exportJourney, importJourney, JourneyImportError, listJourneys } from './journeys/journeys';
import { openRuntime } from './runtime';

const usage = `Usage: npm run cli -- <command>

  api-key create --name N        create an API key for a source system (printed once, last line)
  journey list                   list journeys
  journey export <slug> [--out F]
                                 print (or write) a journey definition as JSON
  journey import <file>          create or update a journey from a JSON definition
`;

class UsageError extends Error {}

function run(argv: string[]): void {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [group, action, argument] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return;
  }
  const { db } = openRuntime(systemClock);
  try {
    if (group === 'api-key' && action === 'create') {
      const name = values.name?.trim();
      if (!name) throw new UsageError('api-key create needs --name, for example --name zaaksysteem');
      const { key } = createApiKey(db, name, systemClock);
      console.log(`API key "${name}" created. It is shown only this once; store it in the source system:`);
      console.log(key);
    } else if (group === 'journey' && action === 'list') {
      for (const journey of listJourneys(db)) console.log(`${journey.slug}\t${journey.name}`);
    } else if (group === 'journey' && action === 'export') {
      if (!argument) throw new UsageError('journey export needs a journey slug');
      const definition = exportJourney(db, argument);
      if (!definition) throw new UsageError(`No journey with slug "${argument}"`);
      const json = `${JSON.stringify(definition, null, 2)}\n`;
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
    } else {
      throw new UsageError(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
    }
  } finally {
    db.$client.close();
  }
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof JourneyImportError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
