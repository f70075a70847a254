import type { User } from '../../src/db/schema';
import type { ImportResult } from '../../src/noshows/csv-import';
import type { ImportJob } from '../../src/noshows/import-jobs';
import type { ProductMapping } from '../../src/noshows/products';
import { formatNumber, nl } from '../../src/texts';
import { ErrorSummary, FieldError, Notice, type FieldErrors } from '../components/form';
import { AdminLayout } from './admin-layout';
import { Button, ButtonGroup } from '../components/button';
import { TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.admin.appointments;

/** How many rejected-row messages a page shows; the CLI prints more. */
export const SHOWN_IMPORT_ERRORS = 200;

export interface ProductRow {
  product: string;
  appointments: number;
  mapping?: ProductMapping;
}

export interface JourneyChoice {
  slug: string;
  name: string;
  touchpoints: { slug: string; name: string }[];
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

/** The value of the "journey and touchpoint" choice: `journey` or `journey/touchpoint` (slugs have no slash). */
export const targetValue = (journey: string, touchpoint?: string | null) => (touchpoint ? `${journey}/${touchpoint}` : journey);

function UploadForm(props: { maxMegabytes: number; error?: string }) {
  const hintId = 'bestand-uitleg';
  const errorId = 'bestand-fout';
  return (
    <form
      method="post"
      action="/admin/appointments/import"
      enctype="multipart/form-data"
      hx-post="/admin/appointments/import"
      hx-target="#import-status"
      novalidate
    >
      <div class={`utrecht-form-field utrecht-form-field--text${props.error ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="bestand">
            {t.file}
          </label>
        </div>
        <p class="utrecht-form-field-description" id={hintId}>
          {t.fileHint(props.maxMegabytes)}
        </p>
        <FieldError id={errorId} message={props.error} />
        <div class="utrecht-form-field__input">
          <input
            class="mh-file-input"
            type="file"
            id="bestand"
            name="bestand"
            accept=".csv,text/csv"
            required
            aria-describedby={props.error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={props.error ? 'true' : undefined}
          />
        </div>
      </div>
      <ButtonGroup>
        <Button variant="primary">
          {t.importButton}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function MappingForm(props: { products: ProductRow[]; journeys: JourneyChoice[]; form?: AppointmentsPageProps['mapForm']; errors: FieldErrors }) {
  const form = props.form ?? {};
  const select = (name: 'product' | 'doel') => ({
    class: `utrecht-select utrecht-select--html-select${props.errors[name] ? ' utrecht-select--invalid' : ''}`,
    id: name,
    name,
    'aria-invalid': props.errors[name] ? ('true' as const) : undefined,
  });
  return (
    <form method="post" action="/admin/appointments/products" novalidate>
      <div class={`utrecht-form-field utrecht-form-field--text${props.errors.product ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="product">
            {t.product}
          </label>
        </div>
        <FieldError id="product-fout" message={props.errors.product} />
        <div class="utrecht-form-field__input">
          <select {...select('product')} aria-describedby={props.errors.product ? 'product-fout' : undefined}>
            <option value="">{t.choose}</option>
            {props.products.map((row) => (
              <option value={row.product} selected={row.product === form.product}>
                {row.product}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class={`utrecht-form-field utrecht-form-field--text${props.errors.doel ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="doel">
            {t.target}
          </label>
        </div>
        <p class="utrecht-form-field-description" id="doel-uitleg">
          {t.targetHint}
        </p>
        <FieldError id="doel-fout" message={props.errors.doel} />
        <div class="utrecht-form-field__input">
          <select {...select('doel')} aria-describedby={props.errors.doel ? 'doel-uitleg doel-fout' : 'doel-uitleg'}>
            <option value="">{t.choose}</option>
            {props.journeys.map((journey) => (
              <optgroup label={journey.name}>
                <option value={targetValue(journey.slug)} selected={form.target === targetValue(journey.slug)}>
                  {t.wholeJourney(journey.name)}
                </option>
                {journey.touchpoints.map((touchpoint) => (
                  <option value={targetValue(journey.slug, touchpoint.slug)} selected={form.target === targetValue(journey.slug, touchpoint.slug)}>
                    {`${journey.name}: ${touchpoint.name}`}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
      <ButtonGroup>
        <Button variant="primary">
          {t.save}
        </Button>
      </ButtonGroup>
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

      <section aria-labelledby="importeren">
        <h2 class="utrecht-heading-2" id="importeren">
          {t.importTitle}
        </h2>
        <p class="utrecht-paragraph">{t.importIntro}</p>
        <ErrorSummary errors={{ bestand: props.fileError }} />
        <UploadForm maxMegabytes={props.maxMegabytes} error={props.fileError} />
        {/* With htmx the import runs in the background and its progress and result appear here. */}
        <div id="import-status" aria-live="polite"></div>
      </section>

      <section aria-labelledby="producten">
        <h2 class="utrecht-heading-2" id="producten">
          {t.productsTitle}
        </h2>
        <p class="utrecht-paragraph">{t.productsIntro}</p>
        {props.products.length === 0 ? (
          <p class="utrecht-paragraph">{t.noProducts}</p>
        ) : (
          <>
            <div class="utrecht-table-container--overflow-inline">
              <table class="utrecht-table utrecht-table--html-table mh-admin-table">
                <caption class="utrecht-table__caption">{t.productsCaption}</caption>
                <thead class="utrecht-table__header">
                  <TableRow>
                    <TableHeaderCell scope="col">{columns.product}</TableHeaderCell>
                    <TableHeaderCell scope="col" kind="numeric">{columns.appointments}</TableHeaderCell>
                    <TableHeaderCell scope="col">{columns.journey}</TableHeaderCell>
                    <TableHeaderCell scope="col">{columns.touchpoint}</TableHeaderCell>
                  </TableRow>
                </thead>
                <tbody class="utrecht-table__body">
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
                </tbody>
              </table>
            </div>
            <h3 class="utrecht-heading-3" id="koppelen">
              {t.mapTitle}
            </h3>
            <ErrorSummary errors={mapErrors} />
            <MappingForm products={props.products} journeys={props.journeys} form={props.mapForm} errors={mapErrors} />
          </>
        )}
      </section>
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
    <div class="mh-import-result">
      {props.headingLevel ? <h3 class="utrecht-heading-3">{t.resultTitle}</h3> : null}
      <p class="utrecht-paragraph">{t.resultFile(props.fileName)}</p>
      <div class="utrecht-table-container--overflow-inline">
        <table class="utrecht-table utrecht-table--html-table mh-admin-table">
          <caption class="utrecht-table__caption">{t.countsCaption}</caption>
          <tbody class="utrecht-table__body">
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
          </tbody>
        </table>
      </div>
      {result.rejected === 0 ? (
        <Notice kind="ok">{t.allImported}</Notice>
      ) : (
        <>
          <Notice kind="warning">{t.rejectedIntro}</Notice>
          <div class="utrecht-table-container--overflow-inline">
            <table class="utrecht-table utrecht-table--html-table mh-admin-table mh-import-errors">
              <caption class="utrecht-table__caption">{t.errorsCaption(shown.length, result.errorCount)}</caption>
              <thead class="utrecht-table__header">
                <TableRow>
                  <TableHeaderCell scope="col" kind="numeric">{t.errorColumns.row}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.errorColumns.column}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t.errorColumns.message}</TableHeaderCell>
                </TableRow>
              </thead>
              <tbody class="utrecht-table__body">
                {shown.map((error) => (
                  <TableRow>
                    <TableCell kind="numeric">{error.row}</TableCell>
                    <TableCell>{error.column ?? t.wholeRow}</TableCell>
                    <TableCell>{error.message}</TableCell>
                  </TableRow>
                ))}
              </tbody>
            </table>
          </div>
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
            <p class="utrecht-paragraph">
              <a class="utrecht-link" href={`/admin/appointments/import/${props.job.id}`}>
                {t.refresh}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/admin/appointments">
          {t.back}
        </a>
      </p>
    </AdminLayout>
  );
}
