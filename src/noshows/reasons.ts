import { and, between, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appointments, noShowResponses, type NoShowReason } from '../db/schema';

export interface ReasonRow {
  weekday: number;
  hour: number;
  product: string;
  location: string;
  channel: string;
  leadBand: string;
  reminded: boolean;
  reason: NoShowReason;
  count: number;
}

/**
 * The "we hebben u gemist" answers in a period, grouped by every pattern dimension of their
 * appointment, so any pattern's reasons can be counted from these few rows.
 */
export function noShowReasonRows(db: Db, filter: { from: string; to: string; product?: string; location?: string; channel?: string }): ReasonRow[] {
  return db
    .select({
      weekday: appointments.weekday,
      hour: appointments.hour,
      product: appointments.product,
      location: appointments.location,
      channel: appointments.channel,
      leadBand: appointments.leadBand,
      reminded: appointments.reminded,
      reason: noShowResponses.reason,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(noShowResponses)
    .innerJoin(appointments, eq(appointments.id, noShowResponses.appointmentId))
    .where(
      and(
        between(appointments.day, filter.from, filter.to),
        filter.product ? eq(appointments.product, filter.product) : undefined,
        filter.location ? eq(appointments.location, filter.location) : undefined,
        filter.channel ? eq(appointments.channel, filter.channel) : undefined,
      ),
    )
    .groupBy(
      appointments.weekday,
      appointments.hour,
      appointments.product,
      appointments.location,
      appointments.channel,
      appointments.leadBand,
      appointments.reminded,
      noShowResponses.reason,
    )
    .all();
}

/** Reasons of the rows that belong to one pattern, most given first. */
export function reasonCounts(rows: ReasonRow[], belongs: (row: ReasonRow) => boolean): { reason: NoShowReason; count: number }[] {
  const counts = new Map<NoShowReason, number>();
  for (const row of rows) if (belongs(row)) counts.set(row.reason, (counts.get(row.reason) ?? 0) + row.count);
  return [...counts.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}
