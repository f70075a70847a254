import { ChainActionPage, ChainListPage, ChainMapPage, ChainPage } from '../../views/chain/chain-pages';
import { ComparisonPage } from '../../views/chain/comparison-page';
import type { AppDeps } from '../app';
import { dayOf } from '../calendar';
import type { Journey } from '../db/schema';
import { resolveFilters } from '../heartmonitor/filters';
import { readForm } from '../http/form-body';
import { idParam } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { chainJourneysOf, findChainJourney } from '../organisations/chain-access';
import { nl } from '../texts';
import { createChainAction, ownChainAction, updateChainAction, type ChainActionForm } from './chain-actions';
import { chainActions, chainPartners, loadChainView } from './chain-queries';
import { loadComparison } from './comparison';

/**
 * /dashboard/keten — the chain journeys the user's organisation takes part in, one chain's view
 * (heart line over all partners, hand-offs, ketenknelpunten first), its printable map for the CKA
 * and its shared actions. A chain the organisation is no partner of is the 404 page; every view
 * by a partner other than the coordinator is audited.
 */
export function chainRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  const minGroupSize = config.MIN_GROUP_SIZE;
  const actor = (c: StaffContext) => {
    const { actor: who, origin } = changedBy(c);
    return { ...who, origin };
  };

  /** The chain journey in the address, when the user's organisation is a partner; a cross-organisation view is audited. */
  const chainOf = (c: StaffContext, what: string): Journey | undefined => {
    const organisationId = c.var.user.organisationId;
    const journey = findChainJourney(db, c.req.param('slug') ?? '', organisationId);
    if (journey && journey.organisationId !== organisationId) {
      c.var.audit({ action: 'chain.viewed', object: journey.slug, result: 'success', details: { organisationId, coordinatorId: journey.organisationId, view: what } });
    }
    return journey;
  };

  const view = (c: StaffContext, journey: Journey, form?: ChainActionForm) => {
    const now = clock.now();
    const filters = resolveFilters(c.req.query(), now);
    const data = loadChainView(db, journey, c.var.user.organisationId, filters, { minGroupSize, now });
    const invalid = Object.keys(filters.errors).length > 0 || Boolean(form);
    const saved = c.req.query('opgeslagen');
    const notice = saved === 'nieuw' ? nl.chain.actions.created : saved === 'ja' ? nl.chain.actions.saved : undefined;
    return c.render(<ChainPage data={data} user={c.var.user} form={form} notice={form ? undefined : notice} />, { status: invalid ? 422 : 200 });
  };

  app.get('/', (c) => c.render(<ChainListPage journeys={chainJourneysOf(db, c.var.user.organisationId)} user={c.var.user} />));

  app.get('/:slug', (c) => {
    const journey = chainOf(c, 'keten');
    return journey ? view(c, journey) : c.var.notFound();
  });

  app.get('/:slug/kaart', (c) => {
    const journey = chainOf(c, 'kaart');
    if (!journey) return c.var.notFound();
    const now = clock.now();
    const filters = resolveFilters(c.req.query(), now);
    const data = loadChainView(db, journey, c.var.user.organisationId, filters, { minGroupSize, now });
    return c.render(<ChainMapPage data={data} user={c.var.user} />, { status: Object.keys(filters.errors).length > 0 ? 422 : 200 });
  });

  app.post('/:slug/acties', async (c) => {
    const journey = chainOf(c, 'actie-nieuw');
    if (!journey) return c.var.notFound();
    const now = clock.now();
    const result = createChainAction(db, now, dayOf(now), journey, chainPartners(db, journey.id), c.var.user.organisationId, await readForm(c), actor(c));
    if (!result.ok) return view(c, journey, result);
    return c.redirect(`/dashboard/keten/${journey.slug}?opgeslagen=nieuw#acties-titel`, 303);
  });

  const actionPage = (c: StaffContext, journey: Journey, id: number, form?: ChainActionForm) => {
    const today = dayOf(clock.now());
    const entry = chainActions(db, journey, chainPartners(db, journey.id), c.var.user.organisationId, today, minGroupSize).find((candidate) => candidate.action.id === id)!;
    return c.render(<ChainActionPage journey={journey} entry={entry} user={c.var.user} form={form} />, { status: form ? 422 : 200 });
  };

  app.get('/:slug/acties/:id', (c) => {
    const journey = chainOf(c, 'actie');
    const id = idParam(c.req.param('id'));
    if (!journey || id === undefined || !ownChainAction(db, journey, id, c.var.user.organisationId)) return c.var.notFound();
    return actionPage(c, journey, id);
  });

  app.post('/:slug/acties/:id', async (c) => {
    const journey = chainOf(c, 'actie-wijzigen');
    const id = idParam(c.req.param('id'));
    const action = journey && id !== undefined ? ownChainAction(db, journey, id, c.var.user.organisationId) : undefined;
    if (!journey || !action) return c.var.notFound();
    const now = clock.now();
    const result = updateChainAction(db, now, dayOf(now), action, await readForm(c), actor(c));
    if (!result.ok) return actionPage(c, journey, action.id, result);
    return c.redirect(`/dashboard/keten/${journey.slug}?opgeslagen=ja#acties-titel`, 303);
  });

  return app;
}

/** /dashboard/vergelijken?reis=<slug> — the heart lines of organisations with the same journey definition, side by side (audited). */
export function comparisonRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  app.get('/', (c) => {
    const filters = resolveFilters(c.req.query(), clock.now());
    const data = loadComparison(db, c.var.user.organisationId, filters, { minGroupSize: config.MIN_GROUP_SIZE, anonymous: nl.chain.comparison.anonymous });
    if (data.state === 'compared') {
      c.var.audit({ action: 'comparison.viewed', object: data.journey.slug, result: 'success', details: { organisationId: c.var.user.organisationId, organisations: data.lines.length } });
    }
    const invalid = Object.keys(filters.errors).length > 0;
    return c.render(<ComparisonPage data={data} user={c.var.user} />, { status: invalid ? 422 : 200 });
  });
  return app;
}
