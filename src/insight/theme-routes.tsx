import { CodebookPage, CodeEditPage } from '../../views/insight/themes-codebook-pages';
import { ThemeCommentsPage } from '../../views/insight/themes-comments-page';
import { ThemesPage } from '../../views/insight/themes-page';
import type { AppDeps } from '../app';
import { filtersToSearch, resolveFilters } from '../heartmonitor/filters';
import { idParam } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { chosenJourney } from '../journeys/regular-journeys';
import { nl } from '../texts';
import { codeTerms, createCode, deleteCode, findCode, listCodes, parseCodeForm, updateCode, type CodeFormErrors, type CodeFormValues } from './codebook';
import { themeParams, themesPageData } from './theme-page';
import { commentsMentioning, COMMENTS_PER_PAGE, termLabels } from './theme-queries';
import { readForm } from '../http/form-body';

const t = nl.themes;

/**
 * /dashboard/themas — themes in the citizens' words per step for the dashboard's filters, the
 * comments behind a theme or code, and the codebook (forms that work without JavaScript).
 */
export function themeRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  const minGroupSize = config.MIN_GROUP_SIZE;

  app.get('/', (c) => {
    const filters = resolveFilters(c.req.query(), clock.now());
    const data = themesPageData(db, filters, minGroupSize, c.var.user.organisationId);
    return c.render(<ThemesPage data={data} user={c.var.user} />, { status: Object.keys(filters.errors).length ? 422 : 200 });
  });

  app.get('/opmerkingen', (c) => {
    const query = c.req.query();
    const filters = resolveFilters(query, clock.now());
    const organisationId = c.var.user.organisationId;
    const { found } = chosenJourney(db, filters.query.reis, organisationId);
    const step = found?.touchpoints.find((touchpoint) => touchpoint.slug === query.stap);
    const code = query.code ? findCode(db, idParam(query.code) ?? 0, organisationId) : undefined;
    const term = (query.term ?? '').trim().slice(0, 100);
    if (!found || (query.code && !code)) return c.var.notFound();
    // Without a term or code: every comment in scope, to read through.
    const terms = code ? codeTerms(code) : term ? [term] : [];
    const label = code ? code.name : term ? (termLabels(db, [term]).get(term) ?? term) : undefined;
    const negativeOnly = query.toon === 'negatief';
    const page = Math.max(1, Math.min(10_000, Number(query.pagina) || 1));
    const list = commentsMentioning(db, { ...themeParams(found.journey.id, filters, minGroupSize), touchpointId: step?.id, terms, negativeOnly, page });
    const params = new URLSearchParams(filtersToSearch(filters.query));
    params.set('reis', found.journey.slug);
    for (const name of ['stap', 'term', 'code', 'toon']) if (query[name]) params.set(name, query[name]!);
    const view = {
      heading: code ? t.comments.headingCode(code.name) : label ? t.comments.headingTerm(label) : t.comments.title,
      scope: t.comments.scope(found.journey.name, step?.name, negativeOnly),
      touchpoints: found.touchpoints,
      items: list.items,
      total: list.total,
      page,
      pages: Math.max(1, Math.ceil(list.total / COMMENTS_PER_PAGE)),
      href: `/dashboard/themas/opmerkingen?${params}`,
      backHref: `/dashboard/themas?${filtersToSearch({ ...filters.query, reis: found.journey.slug })}`,
    };
    return c.render(<ThemeCommentsPage view={view} user={c.var.user} />);
  });

  const codebookPage = (c: StaffContext, values: CodeFormValues, errors: CodeFormErrors, notice?: string) =>
    c.render(<CodebookPage user={c.var.user} codes={listCodes(db, c.var.user.organisationId)} values={values} errors={errors} notice={notice} backHref="/dashboard/themas" />, {
      status: Object.keys(errors).length ? 422 : 200,
    });

  app.get('/codeboek', (c) => {
    const query = c.req.query();
    const notice = query.opgeslagen ? t.codebook.saved : query.verwijderd ? t.codebook.deleted : undefined;
    return codebookPage(c, { name: (query.naam ?? '').slice(0, 80), entries: (query.woorden ?? '').slice(0, 2000) }, {}, notice);
  });

  app.post('/codeboek', async (c) => {
    const organisationId = c.var.user.organisationId;
    const parsed = parseCodeForm(db, await readForm(c), undefined, organisationId);
    if (!parsed.ok) return codebookPage(c, parsed.values, parsed.errors);
    const code = createCode(db, parsed, c.var.user.id, clock.now(), organisationId);
    c.var.audit({ action: 'theme-code.created', object: `theme-code:${code.id}`, result: 'success' });
    return c.redirect('/dashboard/themas/codeboek?opgeslagen=1', 303);
  });

  app.get('/codeboek/:id', (c) => {
    const code = findCode(db, idParam(c.req.param('id')) ?? 0, c.var.user.organisationId);
    if (!code) return c.var.notFound();
    return c.render(<CodeEditPage user={c.var.user} code={code} values={{ name: code.name, entries: code.entries.join('\n') }} errors={{}} />);
  });

  app.post('/codeboek/:id', async (c) => {
    const code = findCode(db, idParam(c.req.param('id')) ?? 0, c.var.user.organisationId);
    if (!code) return c.var.notFound();
    const parsed = parseCodeForm(db, await readForm(c), code.id, code.organisationId);
    if (!parsed.ok) return c.render(<CodeEditPage user={c.var.user} code={code} values={parsed.values} errors={parsed.errors} />, { status: 422 });
    updateCode(db, code.id, parsed, clock.now());
    c.var.audit({ action: 'theme-code.updated', object: `theme-code:${code.id}`, result: 'success' });
    return c.redirect('/dashboard/themas/codeboek?opgeslagen=1', 303);
  });

  app.post('/codeboek/:id/verwijderen', (c) => {
    const code = findCode(db, idParam(c.req.param('id')) ?? 0, c.var.user.organisationId);
    if (!code) return c.var.notFound();
    deleteCode(db, code.id);
    c.var.audit({ action: 'theme-code.deleted', object: `theme-code:${code.id}`, result: 'success' });
    return c.redirect('/dashboard/themas/codeboek?verwijderd=1', 303);
  });

  return app;
}
