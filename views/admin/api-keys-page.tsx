import type { ApiKeySummary } from '../../src/api-keys/api-keys';
import type { User } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import { ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { AdminLayout, ShownOnce } from './admin-layout';
import { ActionButton, SubmitRow } from '../components/button';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

export interface ApiKeysPageProps {
  user: User;
  keys: ApiKeySummary[];
  form?: { name?: string };
  errors?: FieldErrors;
  notice?: string;
  nameMaxLength: number;
}

const t = nl.admin.apiKeys;

/** GET /admin/api-keys: every key (never the key itself), revoke buttons and the form for a new key. */
export function ApiKeysPage(props: ApiKeysPageProps) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean);
  const columns = t.columns;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/api-keys" hasErrors={hasErrors}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>

      {props.keys.length === 0 ? (
        <p class="utrecht-paragraph">{t.empty}</p>
      ) : (
        <DataTable caption={t.caption(props.keys.length)} columns={[columns.name, columns.prefix, columns.createdAt, columns.lastUsedAt, columns.status, columns.actions]}>
          {props.keys.map((key) => (
            <TableRow>
              <TableHeaderCell scope="row">
                {key.name}
              </TableHeaderCell>
              <TableCell>
                <code>{`${key.prefix}…`}</code>
              </TableCell>
              <TableCell>{formatDateTime(key.createdAt)}</TableCell>
              <TableCell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t.never}</TableCell>
              <TableCell>{key.revokedAt ? t.revoked(formatDateTime(key.revokedAt)) : t.active}</TableCell>
              <TableCell>
                {key.revokedAt ? null : (
                  <ActionButton action={`/admin/api-keys/${key.id}/revoke`} label={t.revoke} hiddenText={t.revokeFor(key.name)} formClass="mh-action-form" />
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}

      <Section id="nieuwe-sleutel" title={t.createTitle}>
        <ErrorSummary errors={errors} />
        <form method="post" action="/admin/api-keys" novalidate>
          <TextField
            name="name"
            label={t.name}
            hint={t.nameHint}
            value={props.form?.name}
            error={errors.name}
            autocomplete="off"
            maxlength={props.nameMaxLength}
            required
          />
          <SubmitRow label={t.create} />
        </form>
      </Section>
    </AdminLayout>
  );
}

/** The page right after creating a key: the key, this once. */
export function ApiKeyCreatedPage(props: { user: User; name: string; apiKey: string }) {
  return (
    <AdminLayout user={props.user} title={t.createdTitle} current="/admin/api-keys">
      <Notice kind="ok">{t.createdBody(props.name)}</Notice>
      <ShownOnce id="api-sleutel" title={t.keyLabel} warning={t.keyWarning} label={t.keyLabel} value={props.apiKey}>
        <p class="utrecht-paragraph">{t.usage}</p>
      </ShownOnce>
      <LinkParagraph href="/admin/api-keys">{t.backToKeys}</LinkParagraph>
    </AdminLayout>
  );
}
