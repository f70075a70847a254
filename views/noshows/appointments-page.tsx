import type { User } from '../../src/db/schema';
import type { ImportResult } from '../../src/noshows/csv-import';
import type { ImportJob } from '../../src/noshows/import-jobs';
import type { ProductMapping } from '../../src/noshows/products';
import { formatNumber, nl } from '../../src/texts';
import { ErrorSummary, FileField, Notice, SelectField, type FieldErrors } from '../components/form';
import { AdminLayout } from '../admin/admin-layout';
import { SubmitRow } from '../components/button';
import { JourneyTargetField, type JourneyChoice } from '../components/journey-target';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.admin.appointments;

/** How many rejected-row messages a page shows; the CLI prints more. */
export const SHOWN_IMPORT_ERRORS = 200;

export interface ProductRow {
  product: string;
  appointments: number;
  mapping?: ProductMapping;
}

export interface AppointmentsPageProps {
  user: User;
  known: number;
  products: ProductRow[];
  journeys: JourneyChoice[];
  maxMegabytes: number;
  notice?: string;
  /** The upload form's error (no file, too large, unusable file). */
  fileError?: string;
  mapForm?: { product?: string; target?: string };
  mapErrors?: FieldErrors;
}

function UploadForm(props: { maxMegabytes: number; error?: string }) {
  return (
    <form
      method="post"
      action="/admin/appointments/import"
      enctype="multipart/form-data"
      hx-post="/admin/appointments/import"
      hx-target="#import-status"
      novalidate
    >
      <FileField name="bestand" label={t.file} hint={t.fileHint(props.maxMegabytes)} accept=".csv,text/csv" required error={props.error} />
      <SubmitRow label={t.importButton} />
    </form>
  );
}

function MappingForm(props: { products: ProductRow[]; journeys: JourneyChoice[]; form?: AppointmentsPageProps['mapForm']; errors: FieldErrors }) {
  const form = props.form ?? {};
  return (
    <form method="post" action="/admin/appointments/products" novalidate>
      <SelectField
        name="product"
        label={t.product}
        value={form.product}
        placeholder={t.choose}
        options={props.products.map((row) => ({ value: row.product, label: row.product }))}
        error={props.errors.product}
      />
      <JourneyTargetField
        name="doel"
        label={t.target}
        hint={t.targetHint}
        placeholder={t.choose}
        wholeJourney={t.wholeJourney}
        journeys={props.journeys}
        value={form.target}
        error={props.errors.doel}
      />
      <SubmitRow label={t.save} />
    </form>
  );
}

/** GET /admin/appointments: the upload form, and the products with their journey and touchpoint. */
export function AppointmentsPage(props: AppointmentsPageProps) {
  const mapErrors = props.mapErrors ?? {};
  const hasErrors = Boolean(props.fileError) || Object.values(mapErrors).some(Boolean);
  const columns = t.productColumns;
  return (
    <AdminLayout
      user={props.user}
      title={t.title}
      current="/admin/appointments"
      hasErrors={hasErrors}
      scripts={['/assets/htmx.js']}
    >
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <p class="utrecht-paragraph">{t.known(props.known)}</p>

      <Section id="importeren" title={t.importTitle}>
        <p class="utrecht-paragraph">{t.importIntro}</p>
        <ErrorSummary errors={{ bestand: props.fileError }} />
        <UploadForm maxMegabytes={props.maxMegabytes} error={props.fileError} />
        {/* With htmx the import runs in the background and its progress and result appear here. */}
        <div id="import-status" aria-live="polite"></div>
      </Section>

      <Section id="producten" title={t.productsTitle}>
        <p class="utrecht-paragraph">{t.productsIntro}</p>
        {props.products.length === 0 ? (
          <p class="utrecht-paragraph">{t.noProducts}</p>
        ) : (
          <>
            <DataTable caption={t.productsCaption} columns={[columns.product, { label: columns.appointments, kind: 'numeric' }, columns.journey, columns.touchpoint]}>
              {props.products.map((row) => (
                <TableRow>
                  <TableHeaderCell scope="row">
                    {row.product}
                  </TableHeaderCell>
                  <TableCell kind="numeric">{formatNumber(row.appointments, 0)}</TableCell>
                  <TableCell>{row.mapping ? row.mapping.journeyName : t.notMapped}</TableCell>
                  <TableCell>{row.mapping ? (row.mapping.touchpointName ?? t.noTouchpoint) : ''}</TableCell>
                </TableRow>
              ))}
            </DataTable>
            <h3 class="utrecht-heading-3" id="koppelen">
              {t.mapTitle}
            </h3>
            <ErrorSummary errors={mapErrors} />
            <MappingForm products={props.products} journeys={props.journeys} form={props.mapForm} errors={mapErrors} />
          </>
        )}
      </Section>
    </AdminLayout>
  );
}

/** Counts and the rejected rows (the first SHOWN_IMPORT_ERRORS messages). */
export function ImportResultView(props: { result: ImportResult; fileName: string; headingLevel?: 3 }) {
  const { result } = props;
  const shown = result.errors.slice(0, SHOWN_IMPORT_ERRORS);
  const counts = [
    [t.counts.rows, result.rows],
    [t.counts.imported, result.imported],
    [t.counts.updated, result.updated],
    [t.counts.unchanged, result.unchanged],
    [t.counts.rejected, result.rejected],
  ] as const;
  return (
    <div data-hook="import-result">
      {props.headingLevel ? <h3 class="utrecht-heading-3">{t.resultTitle}</h3> : null}
      <p class="utrecht-paragraph">{t.resultFile(props.fileName)}</p>
      <DataTable caption={t.countsCaption}>
        {counts.map(([label, value]) => (
          <TableRow>
            <TableHeaderCell scope="row">
              {label}
            </TableHeaderCell>
            <TableCell kind="numeric" data-count={label}>
              {formatNumber(value, 0)}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
      {result.rejected === 0 ? (
        <Notice kind="ok">{t.allImported}</Notice>
      ) : (
        <>
          <Notice kind="warning">{t.rejectedIntro}</Notice>
          <DataTable caption={t.errorsCaption(shown.length, result.errorCount)} columns={[{ label: t.errorColumns.row, kind: 'numeric' }, t.errorColumns.column, t.errorColumns.message]} data-hook="import-errors">
            {shown.map((error) => (
              <TableRow>
                <TableCell kind="numeric">{error.row}</TableCell>
                <TableCell>{error.column ?? t.wholeRow}</TableCell>
                <TableCell>{error.message}</TableCell>
              </TableRow>
            ))}
          </DataTable>
          {result.errorCount > shown.length ? <p class="utrecht-paragraph">{t.moreErrors(result.errorCount - shown.length)}</p> : null}
        </>
      )}
    </div>
  );
}

/**
 * An import running in the background, as htmx polls it: progress while it runs (the element
 * replaces itself every second), the result when done (without polling attributes, so it stops).
 */
export function ImportStatus({ job }: { job: ImportJob }) {
  if (job.phase === 'done' && job.result) return <ImportResultView result={job.result} fileName={job.fileName} headingLevel={3} />;
  if (job.phase === 'failed') return <Notice kind="error">{nl.errors.serverErrorBody}</Notice>;
  return (
    <div class="mh-import-progress" hx-get={`/admin/appointments/import/${job.id}`} hx-trigger="every 1s" hx-swap="outerHTML">
      {job.phase === 'checking' ? (
        <p class="utrecht-paragraph">{t.checking}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t.progress(job.done, job.total)}</p>
          <progress max={Math.max(job.total, 1)} value={job.done} aria-label={t.progressLabel}>
            {`${job.total ? Math.round((job.done * 100) / job.total) : 0}%`}
          </progress>
        </>
      )}
    </div>
  );
}

/** The result page after a plain form post (no JavaScript), or a job's page opened directly. */
export function ImportResultPage(props: { user: User; result?: ImportResult; job?: ImportJob; fileName: string }) {
  return (
    <AdminLayout user={props.user} title={t.resultTitle} current="/admin/appointments" scripts={['/assets/htmx.js']}>
      {props.result ? (
        <ImportResultView result={props.result} fileName={props.fileName} />
      ) : props.job ? (
        <>
          <ImportStatus job={props.job} />
          {props.job.phase === 'checking' || props.job.phase === 'importing' ? (
            <LinkParagraph href={`/admin/appointments/import/${props.job.id}`}>{t.refresh}</LinkParagraph>
          ) : null}
        </>
      ) : null}
      <LinkParagraph href="/admin/appointments">{t.back}</LinkParagraph>
    </AdminLayout>
  );
}
