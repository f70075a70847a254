import type { AppointmentStatus } from '../db/schema';

export interface StatusAt {
  status: AppointmentStatus;
  at: Date;
}

// An outcome (came or did not come) outranks a cancellation, which outranks a booking.
const rank: Record<AppointmentStatus, number> = { booked: 0, cancelled: 1, attended: 2, no_show: 2 };

/**
 * The status after an event, whatever order events arrive in and however often: a higher-ranked
 * status always wins; between equals the later one wins (a corrected outcome). So a late
 * "booked" never undoes "attended", and repeating an event changes nothing.
 */
export function nextStatus(current: StatusAt | undefined, event: StatusAt): StatusAt {
  if (!current) return event;
  if (rank[event.status] !== rank[current.status]) return rank[event.status] > rank[current.status] ? event : current;
  return event.at > current.at ? event : current;
}

export const appointmentLeadBands = ['zelfde dag', '1-2', '3-7', '8-14', '15-30', '30+', 'onbekend'] as const;
export type AppointmentLeadBand = (typeof appointmentLeadBands)[number];

/** Lead time between booking and appointment, in whole calendar days. */
export function appointmentLeadBand(bookedDay: string | undefined, startsDay: string): AppointmentLeadBand {
  if (!bookedDay) return 'onbekend';
  const days = Math.round((Date.parse(`${startsDay}T00:00:00Z`) - Date.parse(`${bookedDay}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return 'onbekend';
  if (days === 0) return 'zelfde dag';
  if (days <= 2) return '1-2';
  if (days <= 7) return '3-7';
  if (days <= 14) return '8-14';
  if (days <= 30) return '15-30';
  return '30+';
}

/** No-show rate = no-shows / (attended + no-shows); cancellations are counted apart. */
export function noShowRate(counts: { attended: number; noShow: number }): number | undefined {
  const total = counts.attended + counts.noShow;
  return total === 0 ? undefined : counts.noShow / total;
}
