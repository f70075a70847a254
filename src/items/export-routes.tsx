import { and, eq } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { AppDeps } from '../app';
import { journeys } from '../db/schema';
import { organisationNameFor } from '../organisations/organisations';
import { resolveFilters } from '../heartmonitor/filters';
import { staffRouter, type StaffContext } from '../http/staff';
import { citizenLanguages } from '../languages/language-files';
import { seededRandom } from '../seeded-random';
import { itemExport } from '../texts';
import { citizenLanguage } from '../texts/citizen';
import { answersCsv, answersJson, codebookCsv, loadAnswerExport, type AnswerExport } from './export';

/**
 * /dashboard/export/antwoorden.csv|json and codeboek.csv: the coded answers of the dashboard's
 * period for the user's organisation (optionally one of its journeys, `reis`), for managers and
 * administrators; every download is audited. `opmerkingen=1` adds the step comments, masked.
 */
export function itemExportRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();

  /** The export for this request, or the answer to give instead (a wrong period, an unknown journey). */
  const load = (c: StaffContext, format: 'csv' | 'json' | 'codeboek'): { data: AnswerExport; name: string } | Response | Promise<Response> => {
    const query = c.req.query();
    const filters = resolveFilters(query, clock.now());
    if (Object.keys(filters.errors).length > 0) return c.text(itemExport.errors.filters, 400);
    const organisationId = c.var.user.organisationId;
    // Read here rather than through src/journeys, which depends on this feature.
    const journey = filters.query.reis
      ? db
          .select({ id: journeys.id, slug: journeys.slug })
          .from(journeys)
          .where(and(eq(journeys.organisationId, organisationId), eq(journeys.slug, filters.query.reis), eq(journeys.chain, false)))
          .get()
      : undefined;
    if (filters.query.reis && !journey) return c.var.notFound();
    const english = citizenLanguage(citizenLanguages(config.LANGUAGES_DIR), 'en');
    const comments = query.opmerkingen === '1';
    const data = loadAnswerExport(db, {
      from: filters.from,
      to: filters.to,
      journeyId: journey?.id,
      organisationId,
      minGroupSize: config.MIN_GROUP_SIZE,
      comments,
      organisation: organisationNameFor(db, config, organisationId),
      english: english.code === 'en' ? english.texts : undefined,
      random: seededRandom(randomInt(2 ** 31)),
    });
    c.var.audit({
      action: 'dashboard.answers.exported',
      object: journey ? `journey:${journey.slug}` : 'journeys:all',
      result: 'success',
      details: {
        format,
        from: filters.from,
        to: filters.to,
        rows: data.rows.length,
        withheldResponses: data.withheld.groups.reduce((sum, group) => sum + group.responses, 0),
        comments,
      },
    });
    return { data, name: `meethuis-${journey?.slug ?? 'alle-reizen'}-${filters.from}-${filters.to}` };
  };
  const download = (c: StaffContext, body: string, type: string, name: string) =>
    c.body(body, 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });

  app.get('/antwoorden.csv', (c) => {
    const loaded = load(c, 'csv');
    if (!('data' in loaded)) return loaded;
    return download(c, answersCsv(loaded.data), 'text/csv; charset=utf-8', `${loaded.name}-antwoorden.csv`);
  });
  app.get('/antwoorden.json', (c) => {
    const loaded = load(c, 'json');
    if (!('data' in loaded)) return loaded;
    return download(c, JSON.stringify(answersJson(loaded.data)), 'application/json; charset=utf-8', `${loaded.name}-antwoorden.json`);
  });
  app.get('/codeboek.csv', (c) => {
    const loaded = load(c, 'codeboek');
    if (!('data' in loaded)) return loaded;
    return download(c, codebookCsv(loaded.data), 'text/csv; charset=utf-8', `${loaded.name}-codeboek.csv`);
  });

  return app;
}
