import type { ThemeCode, User } from '../../src/db/schema';
import type { CodeFormErrors, CodeFormValues } from '../../src/insight/codebook';
import { nl } from '../../src/texts';
import { ActionButton, SubmitRow } from '../components/button';
import { ErrorSummary, Notice, TextAreaField, TextField } from '../components/form';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { DashboardLayout } from '../dashboard/dashboard-layout';

const t = nl.themes.codebook;

function CodeForm({ action, values, errors }: { action: string; values: CodeFormValues; errors: CodeFormErrors }) {
  return (
    <form method="post" action={action} novalidate>
      <ErrorSummary errors={errors} />
      <TextField name="name" label={t.nameLabel} hint={t.nameHint} value={values.name} error={errors.name} maxlength={80} />
      <TextAreaField name="entries" label={t.entriesLabel} hint={t.entriesHint} value={values.entries} error={errors.entries} rows={5} />
      <SubmitRow label={t.save} variant="primary" />
    </form>
  );
}

/** The codebook: its codes, and the form for a new one (prefilled from a suggested theme). */
export function CodebookPage(props: {
  user: Pick<User, 'email' | 'role'>;
  codes: ThemeCode[];
  values: CodeFormValues;
  errors: CodeFormErrors;
  notice?: string;
  backHref: string;
}) {
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <DashboardLayout title={t.heading} heading={t.heading} user={props.user} current="themas" hasErrors={hasErrors}>
      <div id="themas">
        {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
        <p class="utrecht-paragraph">{t.intro}</p>
        {props.codes.length ? (
          <DataTable caption={t.listCaption} columns={[t.listColumns.name, t.listColumns.entries, t.listColumns.actions]}>
            {props.codes.map((code) => (
              <TableRow data-code={code.id}>
                <TableHeaderCell scope="row">{code.name}</TableHeaderCell>
                <TableCell>{code.entries.join(', ')}</TableCell>
                <TableCell>
                  <a class="utrecht-link" href={`/dashboard/themas/codeboek/${code.id}`}>
                    {t.edit}
                    <span class="mh-visually-hidden">{`: ${code.name}`}</span>
                  </a>
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : (
          <p class="utrecht-paragraph">{t.empty}</p>
        )}
        <Section id="nieuwe-code" title={t.newCode}>
          <CodeForm action="/dashboard/themas/codeboek" values={props.values} errors={props.errors} />
        </Section>
        <LinkParagraph href={props.backHref}>{t.backToThemes}</LinkParagraph>
      </div>
    </DashboardLayout>
  );
}

/** One code: change its name and words, or remove it. */
export function CodeEditPage(props: { user: Pick<User, 'email' | 'role'>; code: ThemeCode; values: CodeFormValues; errors: CodeFormErrors }) {
  const hasErrors = Object.keys(props.errors).length > 0;
  const heading = t.editHeading(props.code.name);
  return (
    <DashboardLayout title={heading} heading={heading} user={props.user} current="themas" hasErrors={hasErrors}>
      <div id="themas">
        <CodeForm action={`/dashboard/themas/codeboek/${props.code.id}`} values={props.values} errors={props.errors} />
        <ActionButton action={`/dashboard/themas/codeboek/${props.code.id}/verwijderen`} label={t.delete} hiddenText={`: ${props.code.name}`} />
        <LinkParagraph href="/dashboard/themas/codeboek">{t.heading}</LinkParagraph>
      </div>
    </DashboardLayout>
  );
}
