import type { Organisation, User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { AdminLayout } from '../admin/admin-layout';
import { CheckboxField } from '../components/choices';
import { ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { SubmitRow } from '../components/button';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.organisationsAdmin;

export interface OrganisationsPageProps {
  user: User;
  /** Every organisation for a hosting administrator; only their own for anyone else. */
  organisations: Organisation[];
  /** Whether the administrator may add partner organisations (the hosting organisation's). */
  mayAdd: boolean;
  /** The organisation that runs the installation, marked in the list. */
  hostingId: number;
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

/** GET /admin/organisaties: the organisations, and for the hosting organisation the form to add a partner. */
export function OrganisationsPage(props: OrganisationsPageProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const hasErrors = Object.values(errors).some(Boolean);
  const c = t.columns;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/organisaties" hasErrors={hasErrors}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      {props.mayAdd ? <p class="utrecht-paragraph">{t.introHosting}</p> : null}
      <DataTable caption={t.caption(props.organisations.length)} columns={[c.name, c.slug, c.citizenContact, c.privacyContact, c.comparison, c.actions]}>
        {props.organisations.map((organisation) => (
          <TableRow>
            <TableHeaderCell scope="row">
              {organisation.name}
              {organisation.id === props.hostingId ? ` ${t.hosting}` : null}
            </TableHeaderCell>
            <TableCell>
              <code>{organisation.slug}</code>
            </TableCell>
            <TableCell>{organisation.citizenContact ?? t.none}</TableCell>
            <TableCell>{organisation.privacyContact ?? t.none}</TableCell>
            <TableCell>{t.comparisonState(organisation.comparisonOptIn, organisation.comparisonNamed)}</TableCell>
            <TableCell>
              {organisation.id === props.user.organisationId ? (
                <a class="utrecht-link" href={`/admin/organisaties/${organisation.id}`}>
                  {t.edit}
                  <span class="mh-visually-hidden"> {t.editFor(organisation.name)}</span>
                </a>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>

      {props.mayAdd ? (
        <Section id="organisatie-toevoegen" title={t.addTitle}>
          <p class="utrecht-paragraph">{t.addIntro}</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/admin/organisaties" novalidate>
            <TextField name="name" label={t.name} hint={t.nameHint} value={values.name} error={errors.name} maxlength={120} autocomplete="off" required />
            <TextField name="slug" label={t.slug} hint={t.slugHint} value={values.slug} error={errors.slug} maxlength={40} autocomplete="off" required />
            <TextField name="citizenContact" label={t.citizenContact} hint={t.citizenContactHint} value={values.citizenContact} error={errors.citizenContact} maxlength={300} />
            <TextField name="privacyContact" label={t.privacyContact} hint={t.privacyContactHint} value={values.privacyContact} error={errors.privacyContact} maxlength={300} />
            <SubmitRow label={t.add} />
          </form>
        </Section>
      ) : null}
    </AdminLayout>
  );
}

export interface OrganisationPageProps {
  user: User;
  organisation: Organisation;
  values: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

/** GET /admin/organisaties/<id>: the administrator's own organisation: contacts and comparison choices. */
export function OrganisationPage(props: OrganisationPageProps) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <AdminLayout user={props.user} title={t.editTitle(props.organisation.name)} current="/admin/organisaties" hasErrors={hasErrors}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <ErrorSummary errors={errors} />
      <form method="post" action={`/admin/organisaties/${props.organisation.id}`} novalidate>
        <TextField name="citizenContact" label={t.citizenContact} hint={t.citizenContactHint} value={props.values.citizenContact} error={errors.citizenContact} maxlength={300} />
        <TextField name="privacyContact" label={t.privacyContact} hint={t.privacyContactHint} value={props.values.privacyContact} error={errors.privacyContact} maxlength={300} />
        <Section id="vergelijken" title={t.comparisonTitle}>
          <p class="utrecht-paragraph">{t.comparisonIntro}</p>
          <CheckboxField name="comparisonOptIn" label={t.comparisonOptIn} checked={props.values.comparisonOptIn === 'on'} />
          <CheckboxField name="comparisonNamed" label={t.comparisonNamed} hint={t.comparisonNamedHint} checked={props.values.comparisonNamed === 'on'} />
        </Section>
        <SubmitRow label={t.save} />
      </form>
      <LinkParagraph href="/admin/organisaties">{t.backToList}</LinkParagraph>
    </AdminLayout>
  );
}
