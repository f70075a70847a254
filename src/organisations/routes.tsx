import { OrganisationPage, OrganisationsPage, type OrganisationsPageProps } from '../../views/organisations/organisations-page';
import type { AppDeps } from '../app';
import { readForm } from '../http/form-body';
import { idParam } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { nl } from '../texts';
import { addPartnerOrganisation, organisationSettingsValues, updateOrganisationSettings } from './organisation-admin';
import { findOrganisation, HOSTING_ORGANISATION_ID, isHostingStaff, listOrganisations } from './organisations';

const t = nl.organisationsAdmin;

/**
 * /admin/organisaties: administrators of the hosting organisation see every organisation and add
 * partners; every administrator changes only their own organisation (another's id is the 404 page).
 */
export function organisationAdminRoutes({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  const app = staffRouter();

  const listPage = (c: StaffContext, extra: Partial<OrganisationsPageProps> = {}, status: 200 | 422 = 200) => {
    const user = c.var.user;
    const hosting = isHostingStaff(user);
    const shown = hosting ? listOrganisations(db) : listOrganisations(db).filter((organisation) => organisation.id === user.organisationId);
    return c.render(<OrganisationsPage user={user} organisations={shown} mayAdd={hosting} hostingId={HOSTING_ORGANISATION_ID} {...extra} />, { status });
  };

  app.get('/', (c) => {
    const added = idParam(c.req.query('toegevoegd') ?? '');
    const name = added === undefined || !isHostingStaff(c.var.user) ? undefined : findOrganisation(db, added)?.name;
    return listPage(c, { notice: name ? t.notices.created(name) : undefined });
  });

  app.post('/', async (c) => {
    if (!isHostingStaff(c.var.user)) return c.var.notFound();
    const outcome = addPartnerOrganisation(db, clock, changedBy(c), await readForm(c));
    if (!outcome.ok) return listPage(c, { values: outcome.values, errors: outcome.errors }, 422);
    return c.redirect(`/admin/organisaties?toegevoegd=${outcome.organisation.id}`, 303);
  });

  /** The administrator's own organisation, or undefined for any other id. */
  const ownOrganisation = (c: StaffContext) => {
    const id = idParam(c.req.param('id') ?? '');
    return id === undefined || id !== c.var.user.organisationId ? undefined : findOrganisation(db, id);
  };

  app.get('/:id', (c) => {
    const organisation = ownOrganisation(c);
    if (!organisation) return c.var.notFound();
    const notice = c.req.query('melding') === 'opgeslagen' ? t.notices.saved : undefined;
    return c.render(<OrganisationPage user={c.var.user} organisation={organisation} values={organisationSettingsValues(organisation)} notice={notice} />);
  });

  app.post('/:id', async (c) => {
    const organisation = ownOrganisation(c);
    if (!organisation) return c.var.notFound();
    const outcome = updateOrganisationSettings(db, clock, changedBy(c), organisation.id, await readForm(c));
    if (!outcome) return c.var.notFound();
    if (!outcome.ok) return c.render(<OrganisationPage user={c.var.user} organisation={organisation} values={outcome.values} errors={outcome.errors} />, { status: 422 });
    return c.redirect(`/admin/organisaties/${organisation.id}?melding=opgeslagen`, 303);
  });

  return app;
}
