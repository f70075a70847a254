import { formatDate } from '../../src/texts';

/** A calendar day 'YYYY-MM-DD' the Dutch way ("22 november 2026"); noon UTC is the same day in Amsterdam. */
export function formatDay(day: string): string {
  return formatDate(new Date(`${day}T12:00:00Z`));
}
