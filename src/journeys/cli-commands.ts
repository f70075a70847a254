import { readFileSync, writeFileSync } from 'node:fs';
import { cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { definitionJson, formatIssues, journeyDefinitionSchema } from './definition';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { exportJourney, importJourney, JourneyImportError, listJourneys } from './journeys';

/** `npm run cli -- journey list | export | import`: journeys as JSON definitions. */
export const journeyCommands = cliGroup({
  name: 'journey',
  usage: `  journey list                   list journeys
  journey export <slug> [--out F]
                                 print (or write) a journey definition as JSON
  journey import <file>          create or update a journey from a JSON definition
  Each takes [--organisation S]: the journeys of the organisation with slug S (default: the hosting one).
`,
  options: { out: { type: 'string' }, organisation: { type: 'string' } },
  usageErrors: [JourneyImportError, OrganisationError],
  async run({ positionals: [action, argument], values }, cli) {
    const { db } = cli.runtime();
    const organisationId = organisationForCli(db, values.organisation).id;
    if (action === 'list') {
      for (const journey of listJourneys(db, organisationId)) console.log(`${journey.slug}\t${journey.name}`);
    } else if (action === 'export') {
      if (!argument) throw new CliUsageError('journey export needs a journey slug');
      const definition = exportJourney(db, argument, organisationId);
      if (!definition) throw new CliUsageError(`No journey with slug "${argument}"`);
      const json = definitionJson(definition);
      if (values.out) writeFileSync(values.out, json);
      else process.stdout.write(json);
    } else if (action === 'import') {
      if (!argument) throw new CliUsageError('journey import needs a JSON file');
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(argument, 'utf8'));
      } catch (error) {
        throw new CliUsageError(`Cannot read ${argument} as JSON: ${(error as Error).message}`);
      }
      const parsed = journeyDefinitionSchema.safeParse(input);
      if (!parsed.success) throw new CliUsageError(`The journey in ${argument} is not valid:\n  ${formatIssues(parsed.error).join('\n  ')}`);
      const { created } = importJourney(db, parsed.data, systemClock, organisationId);
      console.log(`Journey "${parsed.data.slug}" ${created ? 'created' : 'updated'} (${parsed.data.touchpoints.length} touchpoints).`);
    } else {
      throw cli.unknownCommand();
    }
  },
});
