/**
 * Dates and times as appointment files write them: ISO 8601, or Dutch `dd-mm-jjjj uu:mm`, in
 * Europe/Amsterdam when no offset is given.
 */
import { amsterdamWallClock } from '../calendar';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const dutchPattern = /^(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;

/**
 * A date and time from a file: ISO 8601 (with an offset, or without one as Dutch time) or Dutch
 * `dd-mm-jjjj uu:mm[:ss]` in Europe/Amsterdam. `hasTime` tells whether a time was given.
 */
export function parseImportDate(value: string): { at: Date; hasTime: boolean } | undefined {
  let year: number, month: number, day: number;
  let hour: number | undefined, minute = 0, second = 0;
  let offset: string | undefined;
  const iso = isoPattern.exec(value);
  const dutch = iso ? null : dutchPattern.exec(value);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] !== undefined) [hour, minute, second] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    offset = iso[7];
  } else if (dutch) {
    [day, month, year] = [Number(dutch[1]), Number(dutch[2]), Number(dutch[3])];
    if (dutch[4] !== undefined) [hour, minute, second] = [Number(dutch[4]), Number(dutch[5]), Number(dutch[6] ?? 0)];
  } else {
    return undefined;
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (year < 1970 || year > 2999 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if ((hour ?? 0) > 23 || minute > 59 || second > 59) return undefined;
  if (offset) {
    // Let the platform apply the offset: only after the parts above were checked.
    const at = new Date(Date.parse(value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00')));
    return Number.isNaN(at.getTime()) ? undefined : { at, hasTime: true };
  }
  return { at: new Date(amsterdamHour(year, month, day, hour ?? 0) + minute * 60_000 + second * 1000), hasTime: hour !== undefined };
}

// The offset changes only on whole hours (at the daylight-saving switches), and files repeat
// the same hours endlessly: remember each hour's start instead of asking Intl every time.
const hourStarts = new Map<number, number>();

function amsterdamHour(year: number, month: number, day: number, hour: number): number {
  const key = ((year * 100 + month) * 100 + day) * 100 + hour;
  let start = hourStarts.get(key);
  if (start === undefined) {
    if (hourStarts.size > 100_000) hourStarts.clear();
    start = amsterdamWallClock(year, month, day, hour).getTime();
    hourStarts.set(key, start);
  }
  return start;
}
