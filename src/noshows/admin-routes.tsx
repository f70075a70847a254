import { count, eq } from 'drizzle-orm';
import { limitBody } from '../http/body-limit';
import { AppointmentsPage, ImportResultPage, ImportStatus, type AppointmentsPageProps, type ProductRow } from '../../views/noshows/appointments-page';
import { targetValue } from '../../views/components/journey-target';
import { Notice } from '../../views/components/form';
import { MessagePage } from '../../views/layout';
import { audit } from '../audit/audit-log';
import type { AppDeps } from '../app';
import { appointments } from '../db/schema';
import { isHtmx } from '../http/htmx';
import { str } from '../http/params';
import { changedBy, staffRouter, type StaffContext } from '../http/staff';
import { journeyChoices, parseJourneyTarget } from '../journeys/journeys';
import { nl } from '../texts';
import { CsvFormatError, importAppointmentFile, readAppointmentFile, type AppointmentFile, type ImportResult } from './csv-import';
import { ImportJobs } from './import-jobs';
import { listProductMappings, mapProduct, ProductMappingError, productsSeen } from './products';
import { readForm } from '../http/form-body';

export const MAX_IMPORT_MEGABYTES = 20;
const MAX_IMPORT_BYTES = MAX_IMPORT_MEGABYTES * 1024 * 1024;
// Room for the multipart envelope around the file.
const MAX_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

const t = nl.admin.appointments;
const countsOf = (result: ImportResult) => ({
  rows: result.rows,
  imported: result.imported,
  updated: result.updated,
  unchanged: result.unchanged,
  rejected: result.rejected,
});

/**
 * /admin/appointments: CSV import (a plain form post that answers with the result when done;
 * with htmx a background job whose progress the page polls) and product → journey mappings, all
 * of the admin's organisation. Import jobs belong to the user who started them (so to their organisation).
 */
export function appointmentAdminRoutes({ db, clock, config, addressHashKey, log }: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey' | 'log'>) {
  const app = staffRouter();
  const jobs = new ImportJobs();

  const productRows = (organisationId: number): ProductRow[] => {
    const mappings = new Map(listProductMappings(db, organisationId).map((mapping) => [mapping.product, mapping]));
    const rows: ProductRow[] = productsSeen(db, organisationId).map((seen) => ({ ...seen, mapping: mappings.get(seen.product) }));
    // Products mapped ahead of their first appointment (through the CLI) are listed too.
    for (const [product, mapping] of mappings) if (!rows.some((row) => row.product === product)) rows.push({ product, appointments: 0, mapping });
    return rows.sort((a, b) => a.product.localeCompare(b.product, 'nl'));
  };

  const page = (c: StaffContext, extra: Partial<AppointmentsPageProps> = {}, status: 200 | 413 | 422 = 200) =>
    c.render(
      <AppointmentsPage
        user={c.var.user}
        known={db.select({ n: count() }).from(appointments).where(eq(appointments.organisationId, c.var.user.organisationId)).get()?.n ?? 0}
        products={productRows(c.var.user.organisationId)}
        journeys={journeyChoices(db, c.var.user.organisationId)}
        maxMegabytes={MAX_IMPORT_MEGABYTES}
        {...extra}
      />,
      { status },
    );

  /** A problem with the upload: the form again with the error, or (htmx) the error in the status area. */
  const uploadProblem = (c: StaffContext, message: string, status: 413 | 422) =>
    isHtmx(c) ? c.html(<Notice kind="error">{message}</Notice>, status) : page(c, { fileError: message }, status);

  app.get('/', (c) => {
    const product = c.req.query('product');
    const notice = c.req.query('melding') === 'gekoppeld' && product ? t.mapped(product) : undefined;
    return page(c, { notice });
  });

  app.post(
    '/import',
    limitBody({ maxSize: MAX_BODY_BYTES, onError: (c) => uploadProblem(c as StaffContext, t.errorTooLarge(MAX_IMPORT_MEGABYTES), 413) }),
    async (c) => {
      let upload: unknown;
      try {
        upload = (await readForm(c)).bestand;
      } catch {
        upload = undefined;
      }
      if (!(upload instanceof File) || upload.size === 0) return uploadProblem(c, t.errorNoFile, 422);
      if (upload.size > MAX_IMPORT_BYTES) return uploadProblem(c, t.errorTooLarge(MAX_IMPORT_MEGABYTES), 413);
      const fileName = (upload.name || 'afspraken.csv').slice(0, 200);
      let file: AppointmentFile;
      try {
        file = readAppointmentFile(new Uint8Array(await upload.arrayBuffer()));
      } catch (error) {
        if (!(error instanceof CsvFormatError)) throw error;
        c.var.audit({ action: 'appointments.imported', object: fileName, result: 'failure', details: { reason: error.message } });
        return uploadProblem(c, t.errorUnusable(error.message), 422);
      }
      const user = c.var.user;
      const deps = { addressHashKey, now: clock.now(), organisationId: user.organisationId };
      // The import can outlive the request: who and from where are taken now.
      const by = changedBy(c);
      const finished = (result: ImportResult) =>
        audit(db, clock.now(), { action: 'appointments.imported', object: fileName, result: 'success', ...by, details: countsOf(result) });

      if (isHtmx(c)) {
        const job = jobs.start(
          { userId: user.id, fileName, now: clock.now() },
          async (onProgress) => {
            const result = await importAppointmentFile(db, deps, file, { onProgress });
            finished(result);
            return result;
          },
          (error) => {
            log?.(`Import of ${fileName} failed`, error);
            audit(db, clock.now(), { action: 'appointments.imported', object: fileName, result: 'failure', ...by, details: { reason: 'error' } });
          },
        );
        return c.html(<ImportStatus job={job} />);
      }
      const result = await importAppointmentFile(db, deps, file);
      finished(result);
      return c.render(<ImportResultPage user={user} result={result} fileName={fileName} />);
    },
  );

  app.get('/import/:id', (c) => {
    const job = jobs.get(c.req.param('id'), c.var.user.id);
    if (!job) {
      if (isHtmx(c)) return c.html(<Notice kind="error">{t.jobUnknown}</Notice>, 404);
      return c.render(<MessagePage title={nl.errors.notFoundTitle} paragraphs={[t.jobUnknown]} />, { status: 404 });
    }
    if (isHtmx(c)) return c.html(<ImportStatus job={job} />);
    return c.render(<ImportResultPage user={c.var.user} job={job} fileName={job.fileName} />);
  });

  app.post('/products', async (c) => {
    const body = await readForm(c);
    const form = { product: str(body.product), target: str(body.doel) };
    const errors: Record<string, string> = {};
    const organisationId = c.var.user.organisationId;
    const known = productRows(organisationId).some((row) => row.product === form.product);
    if (!known) errors.product = t.errorProduct;
    const target = parseJourneyTarget(db, form.target, organisationId);
    if (!target) errors.doel = t.errorTarget;
    if (Object.keys(errors).length || !target) return page(c, { mapForm: { product: form.product, target: form.target }, mapErrors: errors }, 422);
    try {
      const mapped = mapProduct(db, { product: form.product, ...target }, organisationId);
      c.var.audit({
        action: 'appointments.product-mapped',
        object: mapped.product,
        result: 'success',
        details: { journey: mapped.journey.slug, touchpoint: mapped.touchpoint?.slug ?? null },
      });
      return c.redirect(`/admin/appointments?${new URLSearchParams({ melding: 'gekoppeld', product: mapped.product })}#producten`, 303);
    } catch (error) {
      if (!(error instanceof ProductMappingError)) throw error;
      const field = error.field === 'product' ? 'product' : 'doel';
      return page(c, { mapForm: { product: form.product, target: targetValue(target.journey, target.touchpoint) }, mapErrors: { [field]: error.message } }, 422);
    }
  });

  return app;
}
