import { listOrganisations } from '../organisations/organisations';
import { limitBody } from '../http/body-limit';
import { z } from 'zod';
import { JourneyPage, NewJourneyPage, type JourneyPageProps } from '../../views/journeys/journey-page';
import { JourneysPage, type JourneysPageProps } from '../../views/journeys/journeys-page';
import { PreviewNotice } from '../../views/journeys/preview-notice';
import { TouchpointPage } from '../../views/journeys/touchpoint-page';
import { MessagePage } from '../../views/layout';
import { SurveyPage } from '../../views/survey/survey-page';
import { pageLanguage } from '../http/citizen-language';
import type { AppDeps } from '../app';
import { idParam } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { consentText } from '../consent-text';
import { surveySteps, touchpointsToAsk } from './survey-steps';
import { BASE_LANGUAGE, withQuestions } from './touchpoint-questions';
import { itemDesigner, nl } from '../texts';
import { activeJourneyItems, itemsToAsk, surveyItemsOf } from '../items/journey-items';
import { languageCodeSchema, MAX_TOUCHPOINTS } from './definition';
import {
  chainFormLayout,
  chainValues,
  checkChainForm,
  updateChain,
  addDesignerItem,
  addOwnItem,
  addTouchpoint,
  archiveTouchpoint,
  designerItems,
  emptyOwnItemValues,
  moveDesignerItem,
  parseOwnItemForm,
  removeDesignerItem,
  type ItemChange,
  createJourney,
  deleteTouchpoint,
  exportDefinitionText,
  findTouchpoint,
  importDefinitionText,
  journeyValues,
  listJourneySummaries,
  loadDesignerJourney,
  moveTouchpoint,
  checkJourneyForm,
  parseTouchpointForm,
  removeTouchpointQuestion,
  restoreTouchpoint,
  touchpointValues,
  updateJourney,
  updateTouchpoint,
  type TouchpointChange,
} from './journey-designer';
import { findJourneyById, findJourneyWithTouchpoints } from './journeys';
import { readForm } from '../http/form-body';

const t = nl.journeyDesigner;
export const MAX_IMPORT_KILOBYTES = 256;
const MAX_IMPORT_BYTES = MAX_IMPORT_KILOBYTES * 1024;
const MAX_FORM_BYTES = 64 * 1024;

const notices = { ...t.notices, ...itemDesigner.notices, 'chain-saved': nl.chainDesigner.saved };
type Notice = keyof typeof notices;
const isNotice = (value: string | undefined): value is Notice => value !== undefined && Object.hasOwn(notices, value);
const directionSchema = z.enum(['omhoog', 'omlaag']);

/**
 * /admin/reizen: the journey designer (admins). Plain forms that work without JavaScript; every
 * change goes through src/journeys/journey-designer.ts, which audits it in the same transaction.
 */
export function journeyDesignerRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  const formLimit = limitBody({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => c.render(<MessagePage title={t.formTooLargeTitle} paragraphs={[t.formTooLarge]} />, { status: 413 }),
  });

  // ── The list and import ──────────────────────────────────────────────────────────────────

  const listPage = (c: StaffContext, extra: Partial<JourneysPageProps> = {}, status: 200 | 413 | 422 = 200) =>
    c.render(<JourneysPage user={c.var.user} journeys={listJourneySummaries(db, c.var.user.organisationId)} {...extra} />, { status });

  app.get('/', (c) => listPage(c));

  app.post(
    '/import',
    limitBody({ maxSize: MAX_IMPORT_BYTES + 16 * 1024, onError: (c) => listPage(c as StaffContext, { importProblems: [t.importTooLarge] }, 413) }),
    async (c) => {
      const body = await readForm(c);
      const file = body.bestand instanceof File && body.bestand.size > 0 ? body.bestand : undefined;
      const pasted = typeof body.json === 'string' ? body.json : '';
      if (file && file.size > MAX_IMPORT_BYTES) return listPage(c, { importProblems: [t.importTooLarge] }, 413);
      const text = file ? await file.text() : pasted;
      if (!text.trim()) return listPage(c, { importProblems: [t.importNothing] }, 422);
      const outcome = importDefinitionText(db, clock, changedBy(c), text, c.var.user.organisationId);
      if (!outcome.ok) return listPage(c, { importProblems: outcome.problems, importText: file ? '' : pasted }, 422);
      const notice = t.importDone(outcome.definition.name, outcome.created, outcome.definition.touchpoints.length);
      return listPage(c, { notice });
    },
  );

  // ── A new journey ────────────────────────────────────────────────────────────────────────

  const emptyJourney = { name: '', slug: '', type: '', lifeEvent: '', description: '', caseTypes: '', publicResults: '' };
  app.get('/nieuw', (c) => c.render(<NewJourneyPage user={c.var.user} values={emptyJourney} errors={{}} />));

  app.post('/', formLimit, async (c) => {
    const form = checkJourneyForm(db, await readForm(c), undefined, c.var.user.organisationId);
    const invalid = (values: Record<string, string>, errors: Record<string, string>) =>
      c.render(<NewJourneyPage user={c.var.user} values={values} errors={errors} />, { status: 422 });
    if (!form.ok) return invalid(form.values, form.errors);
    const created = createJourney(db, clock, changedBy(c), form.data, c.var.user.organisationId);
    if (!created.ok) return invalid(form.values, created.errors);
    return c.redirect(`/admin/reizen/${created.value.id}?melding=created`, 303);
  });

  // ── One journey ──────────────────────────────────────────────────────────────────────────

  const journeyPage = (c: StaffContext, journeyId: number, extra: Partial<JourneyPageProps> = {}, status: 200 | 404 | 409 | 422 = 200) => {
    const data = loadDesignerJourney(db, journeyId, c.var.user.organisationId);
    if (!data) return c.var.notFound();
    const organisations = listOrganisations(db);
    return c.render(
      <JourneyPage
        user={c.var.user}
        data={data}
        journeyValues={journeyValues(data.journey, data.caseTypes)}
        touchpointValues={touchpointValues()}
        maxTouchpoints={MAX_TOUCHPOINTS}
        items={designerItems(db, journeyId, config.ORGANISATION_NAME)}
        ownItemValues={emptyOwnItemValues()}
        chain={{ layout: chainFormLayout(data, organisations), values: chainValues(db, data, organisations) }}
        {...extra}
      />,
      { status },
    );
  };
  const backToJourney = (c: StaffContext, journeyId: number, notice: Notice, anchor = '') =>
    c.redirect(`/admin/reizen/${journeyId}?melding=${notice}${anchor}`, 303);

  app.get('/:id', (c) => {
    const id = idParam(c.req.param('id'));
    if (id === undefined) return c.var.notFound();
    const melding = c.req.query('melding');
    return journeyPage(c, id, { notice: isNotice(melding) ? notices[melding] : undefined });
  });

  app.post('/:id', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === undefined || !loadDesignerJourney(db, id, c.var.user.organisationId)) return c.var.notFound();
    const form = checkJourneyForm(db, await readForm(c), id, c.var.user.organisationId);
    if (!form.ok) return journeyPage(c, id, { journeyValues: form.values, journeyErrors: form.errors }, 422);
    const updated = updateJourney(db, clock, changedBy(c), id, form.data);
    if (!updated) return c.var.notFound();
    if (!updated.ok) return journeyPage(c, id, { journeyValues: form.values, journeyErrors: updated.errors }, 422);
    return backToJourney(c, id, 'saved', '#gegevens');
  });

  app.post('/:id/keten', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    const data = id === undefined ? undefined : loadDesignerJourney(db, id, c.var.user.organisationId);
    if (!data) return c.var.notFound();
    const form = checkChainForm(db, await readForm(c), data);
    const invalid = (errors: Record<string, string>) =>
      journeyPage(c, data.journey.id, { chain: { layout: chainFormLayout(data, listOrganisations(db)), values: form.values, errors } }, 422);
    if (!form.ok) return invalid(form.errors);
    const updated = updateChain(db, clock, changedBy(c), data.journey.id, form.data);
    if (!updated) return c.var.notFound();
    if (!updated.ok) return invalid(updated.errors);
    return backToJourney(c, data.journey.id, 'chain-saved', '#keten');
  });

  app.get('/:id/export.json', (c) => {
    const id = idParam(c.req.param('id'));
    const found = id === undefined ? undefined : loadDesignerJourney(db, id, c.var.user.organisationId);
    if (!found) return c.var.notFound();
    const text = exportDefinitionText(db, found.journey.slug, c.var.user.organisationId);
    if (!text) return journeyPage(c, found.journey.id, { problem: t.errors.noTouchpointsToExport }, 409);
    return c.body(text, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="klantreis-${found.journey.slug}.json"`,
    });
  });

  /** The survey exactly as a citizen gets it for this journey's default touchpoints, with the real page. */
  app.get('/:id/voorbeeld', (c) => {
    const id = idParam(c.req.param('id'));
    const found = id === undefined ? undefined : findJourneyWithTouchpoints(db, id, c.var.user.organisationId);
    if (!found) return c.var.notFound();
    const asked = withQuestions(db, touchpointsToAsk(found.touchpoints));
    const languages = [...new Set(asked.flatMap((touchpoint) => Object.keys(touchpoint.questions)))].sort();
    const requested = c.req.query('taal')?.toLowerCase() ?? BASE_LANGUAGE;
    const language = languages.includes(requested) ? requested : BASE_LANGUAGE;
    const base = `/admin/reizen/${found.journey.id}`;
    const notice = (
      <PreviewNotice journeyId={found.journey.id} journeyName={found.journey.name} language={language} languages={languages} noSteps={asked.length === 0} />
    );
    // The page in the citizen's language, as the real survey renders it.
    const page = pageLanguage(c, config, language);
    return c.render(
      page.render(
      <SurveyPage
        journeyName={found.journey.name}
        action={`${base}/voorbeeld`}
        steps={surveySteps(asked, language)}
        items={surveyItemsOf(
          db,
          itemsToAsk(
            activeJourneyItems(db, found.journey.id),
            asked.map((step) => step.id),
          ),
          asked,
          page.language,
          config.ORGANISATION_NAME,
        )}
        values={{}}
        errors={{}}
        consent={{ text: consentText(config, page.language), values: {}, errors: {} }}
        preview={{ label: t.previewLabel, notice }}
      />,
      ),
    );
  });

  // ── Items from the bank and own questions ──────────────────────────────────────────────────

  /** Runs a change to the journey's items and goes back to them, or shows why it was refused. */
  const itemChange = (c: StaffContext, journeyId: number, outcome: ItemChange, notice: Notice) =>
    outcome.ok ? backToJourney(c, journeyId, notice, '#vragen') : journeyPage(c, journeyId, { problem: outcome.message }, outcome.status);

  /** Asks an item: `code`, and `stap` (a step's id) to ask it at that step instead of once for the journey. */
  app.post('/:id/vragen', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === undefined || !findJourneyById(db, id, c.var.user.organisationId)) return c.var.notFound();
    const body = await readForm(c);
    const code = typeof body.code === 'string' ? body.code.trim().slice(0, 64) : '';
    const step = typeof body.stap === 'string' && body.stap !== '' ? idParam(body.stap) : null;
    if (step === undefined) return journeyPage(c, id, { problem: itemDesigner.errors.unknownStep }, 422);
    return itemChange(c, id, addDesignerItem(db, clock, changedBy(c), id, code, step), 'item-added');
  });

  app.post('/:id/vragen/:itemId/verplaatsen', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    const itemId = idParam(c.req.param('itemId'));
    if (id === undefined || itemId === undefined || !findJourneyById(db, id, c.var.user.organisationId)) return c.var.notFound();
    const direction = directionSchema.safeParse((await readForm(c)).richting);
    if (!direction.success) return journeyPage(c, id, { problem: itemDesigner.errors.direction }, 422);
    return itemChange(c, id, moveDesignerItem(db, clock, changedBy(c), id, itemId, direction.data === 'omhoog' ? 'up' : 'down'), 'item-moved');
  });

  app.post('/:id/vragen/:itemId/niet-meer-vragen', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    const itemId = idParam(c.req.param('itemId'));
    if (id === undefined || itemId === undefined || !findJourneyById(db, id, c.var.user.organisationId)) return c.var.notFound();
    return itemChange(c, id, removeDesignerItem(db, clock, changedBy(c), id, itemId), 'item-removed');
  });

  app.post('/:id/eigen-vragen', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === undefined || !findJourneyById(db, id, c.var.user.organisationId)) return c.var.notFound();
    const form = parseOwnItemForm(await readForm(c));
    if (!form.ok) return journeyPage(c, id, { ownItemValues: form.values, ownItemErrors: form.errors }, 422);
    const added = addOwnItem(db, clock, changedBy(c), id, form.data);
    if (!added.ok) return journeyPage(c, id, { ownItemValues: form.values, ownItemErrors: added.errors }, 422);
    return backToJourney(c, id, 'own-item-added', '#vragen');
  });

  // ── Touchpoints ──────────────────────────────────────────────────────────────────────────

  app.post('/:id/contactmomenten', formLimit, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === undefined || !loadDesignerJourney(db, id, c.var.user.organisationId)) return c.var.notFound();
    const form = parseTouchpointForm(await readForm(c));
    if (!form.ok) return journeyPage(c, id, { touchpointValues: form.values, touchpointErrors: form.errors }, 422);
    const added = addTouchpoint(db, clock, changedBy(c), id, form.data);
    if (!added) return c.var.notFound();
    if (!added.ok) return journeyPage(c, id, { touchpointValues: form.values, touchpointErrors: added.errors }, 422);
    return backToJourney(c, id, 'touchpoint-added', `#contactmoment-${added.value.id}`);
  });

  /** The journey and touchpoint ids of a touchpoint route, when both exist and belong together. */
  const touchpointOf = (c: StaffContext) => {
    const journeyId = idParam(c.req.param('id'));
    const touchpointId = idParam(c.req.param('touchpointId'));
    if (journeyId === undefined || touchpointId === undefined) return undefined;
    const journey = findJourneyById(db, journeyId, c.var.user.organisationId);
    const touchpoint = findTouchpoint(db, journeyId, touchpointId);
    return journey && touchpoint ? { journey, touchpoint } : undefined;
  };

  app.get('/:id/contactmomenten/:touchpointId', (c) => {
    const found = touchpointOf(c);
    if (!found) return c.var.notFound();
    const melding = c.req.query('melding');
    const notice = isNotice(melding) ? notices[melding] : undefined;
    return c.render(<TouchpointPage user={c.var.user} {...found} values={touchpointValues(found.touchpoint)} errors={{}} notice={notice} />);
  });

  /** The remove button beside a language's question (it sends the touchpoint form here, with its code as `language`). */
  app.post('/:id/contactmomenten/:touchpointId/vraag-verwijderen', formLimit, async (c) => {
    const found = touchpointOf(c);
    if (!found) return c.var.notFound();
    const language = languageCodeSchema.safeParse((await readForm(c)).language);
    const outcome: TouchpointChange = language.success
      ? removeTouchpointQuestion(db, clock, changedBy(c), found.journey.id, found.touchpoint.id, language.data)
      : { ok: false, status: 422, message: t.errors.languageCode };
    if (!outcome.ok) return journeyPage(c, found.journey.id, { problem: outcome.message }, outcome.status);
    return c.redirect(`/admin/reizen/${found.journey.id}/contactmomenten/${found.touchpoint.id}?melding=question-removed`, 303);
  });

  app.post('/:id/contactmomenten/:touchpointId', formLimit, async (c) => {
    const found = touchpointOf(c);
    if (!found) return c.var.notFound();
    const form = parseTouchpointForm(await readForm(c));
    const invalid = (errors: Record<string, string>) =>
      c.render(<TouchpointPage user={c.var.user} {...found} values={form.values} errors={errors} />, { status: 422 });
    if (!form.ok) return invalid(form.errors);
    const updated = updateTouchpoint(db, clock, changedBy(c), found.journey.id, found.touchpoint.id, form.data);
    if (!updated) return c.var.notFound();
    if (!updated.ok) return invalid(updated.errors);
    return backToJourney(c, found.journey.id, 'touchpoint-saved', `#contactmoment-${found.touchpoint.id}`);
  });

  /** Runs a change to one touchpoint and goes back to the journey, or shows why it was refused. */
  const touchpointAction = (
    path: string,
    notice: Notice,
    change: (c: StaffContext, journeyId: number, touchpointId: number, body: Record<string, unknown>) => TouchpointChange,
  ) =>
    app.post(`/:id/contactmomenten/:touchpointId/${path}`, formLimit, async (c) => {
      const found = touchpointOf(c);
      if (!found) return c.var.notFound();
      const outcome = change(c, found.journey.id, found.touchpoint.id, await readForm(c));
      if (!outcome.ok) return journeyPage(c, found.journey.id, { problem: outcome.message }, outcome.status);
      return backToJourney(c, found.journey.id, notice, path === 'verwijderen' ? '#contactmomenten' : `#contactmoment-${found.touchpoint.id}`);
    });

  touchpointAction('verplaatsen', 'moved', (c, journeyId, touchpointId, body) => {
    const direction = directionSchema.safeParse(body.richting);
    if (!direction.success) return { ok: false, status: 422, message: t.errors.direction };
    return moveTouchpoint(db, clock, changedBy(c), journeyId, touchpointId, direction.data === 'omhoog' ? 'up' : 'down');
  });
  touchpointAction('archiveren', 'archived', (c, journeyId, touchpointId) => archiveTouchpoint(db, clock, changedBy(c), journeyId, touchpointId));
  touchpointAction('terugzetten', 'restored', (c, journeyId, touchpointId) => restoreTouchpoint(db, clock, changedBy(c), journeyId, touchpointId));
  touchpointAction('verwijderen', 'deleted', (c, journeyId, touchpointId) => deleteTouchpoint(db, clock, changedBy(c), journeyId, touchpointId));

  return app;
}
