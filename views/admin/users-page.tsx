import { roles, type Role, type User } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import { RadioGroup, RowSelect } from '../components/choices';
import { ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { AdminLayout, ShownOnce } from './admin-layout';
import { ActionButton, Button, SubmitRow } from '../components/button';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

export interface UsersPageProps {
  user: User;
  users: User[];
  /** The create form's values and errors after a rejected submission. */
  form?: { email?: string; role?: string };
  errors?: FieldErrors;
  /** A notice after a change (POST-redirect-GET). */
  notice?: string;
  /** Why an action on a user was refused (last admin, own account, …). */
  actionError?: string;
}

const t = nl.admin.users;

/** The role of another account as a select with its own "Opslaan": the one change made often. */
function RoleForm({ target }: { target: User }) {
  return (
    <form method="post" action={`/admin/users/${target.id}`} class="mh-action-form">
      <input type="hidden" name="action" value="role" />
      <RowSelect id={`rol-${target.id}`} name="role" label={t.roleLabel(target.email)} value={target.role} options={roles.map((role) => ({ value: role, label: nl.roles[role] }))} />
      <Button variant="secondary">
        {t.saveRole}
        <span class="mh-visually-hidden">{t.roleFor(target.email)}</span>
      </Button>
    </form>
  );
}

/** The rarer actions on an account, folded away so each account takes one line. */
function MoreActions({ target }: { target: User }) {
  const action = `/admin/users/${target.id}`;
  const forUser = t.forUser(target.email);
  return (
    <details class="mh-more-actions">
      <summary>
        {t.moreActions}
        <span class="mh-visually-hidden">{forUser}</span>
      </summary>
      <div class="mh-more-actions__list">
        <ActionButton action={action} label={target.disabledAt ? t.enable : t.disable} hidden={{ action: target.disabledAt ? 'enable' : 'disable' }} hiddenText={forUser} formClass="mh-action-form" />
        {target.totpSecret ? (
          <ActionButton action={action} label={t.resetSecondFactor} hidden={{ action: 'reset-second-factor' }} hiddenText={forUser} formClass="mh-action-form" />
        ) : null}
        {target.disabledAt ? null : (
          <ActionButton action={action} label={t.passwordLink} hidden={{ action: 'password-link' }} hiddenText={forUser} formClass="mh-action-form" />
        )}
      </div>
    </details>
  );
}

function RoleChoice({ value, error }: { value?: string; error?: string }) {
  const options = roles.map((role) => ({ value: role, label: `${nl.roles[role]}: ${t.roleHints[role]}` }));
  return <RadioGroup name="role" legend={t.role} options={options} layout="list" value={value} error={error} />;
}

/** GET /admin/users: every account with its actions, and the form for a new one. */
export function UsersPage(props: UsersPageProps) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean) || Boolean(props.actionError);
  const columns = t.columns;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/users" hasErrors={hasErrors}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.actionError ? <Notice kind="error">{props.actionError}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>

      <DataTable caption={t.caption(props.users.length)} columns={[columns.email, columns.role, columns.status, columns.lastLogin, columns.actions]} class="mh-users-table">
        {props.users.map((target) => {
          const self = target.id === props.user.id;
          return (
            <TableRow>
              <TableHeaderCell scope="row" class="mh-break-anywhere">
                {target.email}
              </TableHeaderCell>
              <TableCell>{self ? nl.roles[target.role] : <RoleForm target={target} />}</TableCell>
              <TableCell>
                {target.disabledAt ? t.disabled(formatDateTime(target.disabledAt)) : t.active}
                <br />
                <span class="mh-muted">{target.totpEnabledAt ? t.secondFactorOn : t.secondFactorOff}</span>
                {target.passwordHash ? null : (
                  <>
                    <br />
                    <span class="mh-muted">{t.noPassword}</span>
                  </>
                )}
              </TableCell>
              <TableCell>{target.lastLoginAt ? formatDateTime(target.lastLoginAt) : t.never}</TableCell>
              <TableCell>{self ? t.you : <MoreActions target={target} />}</TableCell>
            </TableRow>
          );
        })}
      </DataTable>

      <Section id="nieuw-account" title={t.createTitle}>
        <ErrorSummary errors={errors} targets={{ role: `role-${roles[0]}` }} />
        <form method="post" action="/admin/users" novalidate>
          <TextField
            name="email"
            label={t.email}
            type="email"
            hint={t.emailHint}
            value={props.form?.email}
            error={errors.email}
            autocomplete="off"
            maxlength={254}
            required
          />
          <RoleChoice value={props.form?.role} error={errors.role} />
          <SubmitRow label={t.create} />
        </form>
      </Section>
    </AdminLayout>
  );
}

/** The page right after creating an account or issuing a new link: the link, this once. */
export function UserLinkPage(props: {
  user: User;
  kind: 'created' | 'new-link';
  email: string;
  role: Role;
  link: string;
  linkHours: number;
}) {
  const title = props.kind === 'created' ? t.createdTitle : t.linkIssuedTitle;
  return (
    <AdminLayout user={props.user} title={title} current="/admin/users">
      <Notice kind="ok">{props.kind === 'created' ? t.createdBody(props.email, nl.roles[props.role]) : t.linkIssuedBody(props.email)}</Notice>
      <ShownOnce id="wachtwoordlink" title={t.linkTitle} warning={t.linkWarning(props.linkHours)} label={t.linkLabel} value={props.link} />
      <LinkParagraph href="/admin/users">{t.backToUsers}</LinkParagraph>
    </AdminLayout>
  );
}
