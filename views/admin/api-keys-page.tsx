import type { ApiKeySummary } from '../../src/api-keys/api-keys';
import type { User } from '../../src/db/schema';
import { formatDateTime, nl } from '../../src/texts';
import { ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { AdminLayout, ShownOnce } from './admin-layout';

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
        <div class="utrecht-table-container--overflow-inline">
          <table class="utrecht-table utrecht-table--html-table mh-admin-table">
            <caption class="utrecht-table__caption">{t.caption(props.keys.length)}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{columns.name}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.prefix}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.createdAt}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.lastUsedAt}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.status}</th>
                <th class="utrecht-table__header-cell" scope="col">{columns.actions}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {props.keys.map((key) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    {key.name}
                  </th>
                  <td class="utrecht-table__cell">
                    <code>{`${key.prefix}…`}</code>
                  </td>
                  <td class="utrecht-table__cell">{formatDateTime(key.createdAt)}</td>
                  <td class="utrecht-table__cell">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t.never}</td>
                  <td class="utrecht-table__cell">{key.revokedAt ? t.revoked(formatDateTime(key.revokedAt)) : t.active}</td>
                  <td class="utrecht-table__cell">
                    {key.revokedAt ? null : (
                      <form method="post" action={`/admin/api-keys/${key.id}/revoke`} class="mh-action-form">
                        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                          {t.revoke}
                          <span class="mh-visually-hidden">{t.revokeFor(key.name)}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="nieuwe-sleutel">
        <h2 class="utrecht-heading-2" id="nieuwe-sleutel">
          {t.createTitle}
        </h2>
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
          <div class="utrecht-button-group">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t.create}
            </button>
          </div>
        </form>
      </section>
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
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/admin/api-keys">
          {t.backToKeys}
        </a>
      </p>
    </AdminLayout>
  );
}
