/** The journey designer's import and export: the CLI's JSON definition format, pasted or uploaded. */
import { z } from 'zod';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID } from '../db/schema';
import { nl } from '../texts';
import { definitionJson, formatIssues, type JourneyDefinition, journeyDefinitionSchema } from './definition';
import type { ChangedBy } from './designer-journeys';
import { exportJourney, importJourney, JourneyImportError } from './journeys';

const t = nl.journeyDesigner;

const dutchErrors = z.locales.nl().localeError;

export type ImportOutcome = { ok: true; journeyId: number; created: boolean; definition: JourneyDefinition } | { ok: false; problems: string[] };

/** Validates JSON text as a journey definition: every problem on its own line, in Dutch where zod allows. */
export function parseDefinitionText(text: string): { ok: true; definition: JourneyDefinition } | { ok: false; problems: string[] } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [t.importNotJson((error as Error).message)] };
  }
  const parsed = journeyDefinitionSchema.safeParse(input, { error: dutchErrors });
  return parsed.success ? { ok: true, definition: parsed.data } : { ok: false, problems: formatIssues(parsed.error) };
}

/**
 * Imports a journey from JSON text with the CLI's importJourney: created, or updated when its
 * slug exists (touchpoints matched by slug keep their ids and answers). Nothing is stored when
 * there is any problem.
 */
export function importDefinitionText(db: Db, clock: Clock, by: ChangedBy, text: string, organisationId: number = HOSTING_ORGANISATION_ID): ImportOutcome {
  const parsed = parseDefinitionText(text);
  if (!parsed.ok) {
    audit(db, clock.now(), { action: 'journey.imported', object: null, result: 'failure', ...by, details: { problems: parsed.problems.length } });
    return parsed;
  }
  const { definition } = parsed;
  try {
    const { journeyId, created } = importJourney(db, definition, clock, organisationId);
    audit(db, clock.now(), {
      action: 'journey.imported',
      object: definition.slug,
      result: 'success',
      ...by,
      details: { created, touchpoints: definition.touchpoints.length, caseTypes: definition.caseTypes.join(', '), items: definition.items?.length ?? null },
    });
    return { ok: true, journeyId, created, definition };
  } catch (error) {
    if (!(error instanceof JourneyImportError)) throw error;
    audit(db, clock.now(), { action: 'journey.imported', object: definition.slug, result: 'failure', ...by, details: { reason: error.message } });
    return { ok: false, problems: [error.message] };
  }
}

/** The export file of a journey, or undefined while it has no active touchpoint (a definition needs one). */
export function exportDefinitionText(db: Db, slug: string, organisationId: number = HOSTING_ORGANISATION_ID): string | undefined {
  const definition = exportJourney(db, slug, organisationId);
  return definition && definition.touchpoints.length > 0 ? definitionJson(definition) : undefined;
}
