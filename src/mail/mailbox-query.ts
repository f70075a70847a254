import { z } from 'zod';
import { mailKinds } from '../db/schema';
import { nl } from '../texts';

export const MAILBOX_PAGE_SIZE = 25;
export const MAILBOX_SEARCH_MAX = 200;

export type MailKind = (typeof mailKinds)[number];

/** The mailbox's query string: `soort` (a kind of mail), `zoek` (recipient or subject) and `pagina`. */
const mailboxQuerySchema = z.object({
  soort: z.union([z.literal(''), z.enum(mailKinds)]).default(''),
  zoek: z.string().trim().max(MAILBOX_SEARCH_MAX).default(''),
  pagina: z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().min(1)).default(1),
});

export interface MailboxQuery {
  /** The values as typed, to fill the form again. */
  values: { soort: string; zoek: string };
  filter: { kind?: MailKind; search?: string };
  page: number;
  errors: Partial<Record<'soort' | 'zoek' | 'pagina', string>>;
}

const errorTexts = { soort: nl.mailbox.errorKind, zoek: nl.mailbox.errorSearch(MAILBOX_SEARCH_MAX), pagina: nl.mailbox.errorPage } as const;

/** Reads the mailbox filters; a value it cannot use becomes a field error (the page answers 422). */
export function parseMailboxQuery(query: Record<string, string | undefined>): MailboxQuery {
  const values = { soort: (query.soort ?? '').slice(0, 100), zoek: (query.zoek ?? '').slice(0, MAILBOX_SEARCH_MAX * 2) };
  const parsed = mailboxQuerySchema.safeParse({ soort: query.soort, zoek: query.zoek, pagina: query.pagina });
  if (!parsed.success) {
    const errors: MailboxQuery['errors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'soort' || field === 'zoek' || field === 'pagina') errors[field] = errorTexts[field];
    }
    return { values, filter: {}, page: 1, errors };
  }
  const { soort, zoek, pagina } = parsed.data;
  return { values: { soort, zoek }, filter: { kind: soort || undefined, search: zoek || undefined }, page: pagina, errors: {} };
}

/** The mailbox URL for these filters and page: the paging links keep the filters. */
export function mailboxHref(values: MailboxQuery['values'], page: number): string {
  const params = new URLSearchParams();
  if (values.soort) params.set('soort', values.soort);
  if (values.zoek) params.set('zoek', values.zoek);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `/mailbox?${query}` : '/mailbox';
}
