import { dayOf, parseDay, shiftDay, startOfAmsterdamDay, weekdayAndHour } from '../calendar';
import type { Db } from '../db/client';
import { demoDistricts } from './demo-story';
import { seededRandom } from './demo-history';
import { appointmentLeadBand } from '../noshows/appointment-state';

export interface DemoAppointmentOptions {
  count: number;
  /** Days of history before `now`; about a tenth more lies ahead of it (still booked). */
  days: number;
  seed: number;
  /** Prefix of the references, so several runs can share a database. */
  prefix?: string;
}

export interface DemoAppointmentReport {
  appointments: number;
  byStatus: Record<string, number>;
}

const weighted = <T extends string>(random: () => number, table: readonly (readonly [T, number])[]): T => {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [value, weight] of table) {
    pick -= weight;
    if (pick <= 0) return value;
  }
  return table[table.length - 1]![0];
};

const products = [
  ['paspoort', 30],
  ['identiteitskaart', 25],
  ['rijbewijs', 20],
  ['verhuizing', 10],
  ['uittreksel', 8],
  ['huwelijk', 4],
  ['naturalisatie', 3],
] as const;
const locations = [
  ['Stadskantoor', 55],
  ['Stadsdeelkantoor Noord', 25],
  ['Stadsdeelkantoor Zuid', 20],
] as const;
const channels = [
  ['web', 65],
  ['telefoon', 25],
  ['balie', 10],
] as const;
const districts = demoDistricts;
const ages = [
  ['18-34', 35],
  ['35-64', 45],
  ['65+', 20],
] as const;
/** Days between booking and appointment, drawn per band; `null` is "booking time unknown". */
const leadDays = [
  [0, 0, 15],
  [1, 2, 15],
  [3, 7, 28],
  [8, 14, 20],
  [15, 30, 12],
  [31, 75, 8],
  [-1, -1, 2],
] as const;

/**
 * The chance that a citizen does not come, with the patterns the issue describes and managers
 * recognise: appointments booked more than a month ahead, Monday mornings, no reminder, phone
 * bookings and one district office stand out; a wedding is rarely missed.
 */
export function demoNoShowChance(a: { weekday: number; hour: number; lead: number | null; reminded: boolean; channel: string; location: string; product: string }): number {
  let p = 0.08;
  if (a.weekday === 1 && a.hour < 11) p += 0.12;
  if (a.weekday === 5 && a.hour >= 13) p += 0.04;
  if (a.lead !== null && a.lead > 30) p += 0.14;
  else if (a.lead !== null && a.lead > 14) p += 0.05;
  if (!a.reminded && a.lead !== 0) p += 0.06;
  if (a.channel === 'telefoon') p += 0.03;
  if (a.location === 'Stadsdeelkantoor Noord') p += 0.03;
  if (a.product === 'huwelijk') p -= 0.06;
  if (a.product === 'rijbewijs') p += 0.02;
  return Math.max(0.01, p);
}

/**
 * Synthetic appointments with believable patterns, written straight into the table with one
 * prepared statement (hundreds of thousands in seconds) — for the benchmark, browser tests and a
 * demo. Every derived column (day, weekday, hour, lead band, reminded) is computed the way
 * recordAppointment computes it, so the pattern queries see exactly what real events would give.
 */
export function generateDemoAppointments(db: Db, options: DemoAppointmentOptions, now: Date): DemoAppointmentReport {
  const sqlite = db.$client;
  const random = seededRandom(options.seed);
  // A second run with the same seed continues under a fresh prefix instead of colliding.
  const base = options.prefix ?? `DEMO-${options.seed}`;
  const taken = sqlite.prepare('SELECT 1 FROM appointments WHERE reference LIKE ? LIMIT 1');
  let prefix = base;
  for (let run = 2; taken.get(`${prefix}-%`); run++) prefix = `${base}-r${run}`;
  const today = dayOf(now);
  const ahead = Math.max(1, Math.round(options.days / 10));
  const insert = sqlite.prepare(
    `INSERT INTO appointments (reference, product, location, channel, booked_at, starts_at, reminder_sent_at, status, status_at, segment,
       day, weekday, hour, lead_band, reminded, address_hash, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'demo', ?, ?)`,
  );

  // Per calendar day once: local midnight and weekday (clock arithmetic per appointment would be slow).
  const dayCache = new Map<string, { midnight: number; weekday: number; shiftAt3: number }>();
  const dayInfo = (day: string) => {
    let info = dayCache.get(day);
    if (!info) {
      const parts = parseDay(day)!;
      const midnight = startOfAmsterdamDay(parts.year, parts.month, parts.day).getTime();
      // On a daylight-saving day the wall clock at noon is an hour off from midnight + 12 h.
      const shiftAt3 = weekdayAndHour(new Date(midnight + 12 * 3_600_000)).hour - 12;
      info = { midnight, weekday: weekdayAndHour(new Date(midnight + 12 * 3_600_000)).weekday, shiftAt3 };
      dayCache.set(day, info);
    }
    return info;
  };

  const byStatus: Record<string, number> = { booked: 0, attended: 0, no_show: 0, cancelled: 0 };
  let made = 0;
  const batch = sqlite.transaction((size: number) => {
    for (let i = 0; i < size && made < options.count; ) {
      const offset = Math.floor(random() * (options.days + ahead)) - options.days + 1;
      const day = shiftDay(today, offset);
      const { midnight, weekday, shiftAt3 } = dayInfo(day);
      const location = weighted(random, locations);
      // Counters open on weekdays 8–17; the main office also on Thursday evening and Saturday morning.
      const main = location === 'Stadskantoor';
      if (weekday === 7 || (weekday === 6 && (!main || random() < 0.6))) continue;
      let hour = 8 + Math.floor(random() * 9);
      if (weekday === 6) hour = 9 + Math.floor(random() * 3);
      else if (weekday === 4 && main && random() < 0.15) hour = 17 + Math.floor(random() * 3);
      i++;
      made++;
      const startsAt = midnight + (hour - shiftAt3) * 3_600_000 + Math.floor(random() * 4) * 15 * 60_000;
      const [low, high] = weighted(
        random,
        leadDays.map(([a, b, w]) => [`${a}:${b}`, w] as const),
      )
        .split(':')
        .map(Number) as [number, number];
      const lead = low < 0 ? null : low + Math.floor(random() * (high - low + 1));
      const bookedAt = lead === null ? null : startsAt - lead * 86_400_000 - Math.floor(random() * 8) * 3_600_000;
      const reminded = lead !== null && lead >= 2 && random() < 0.7;
      const reminderAt = reminded ? startsAt - 86_400_000 : null;
      const product = weighted(random, products);
      const channel = weighted(random, channels);
      const segment = JSON.stringify({ wijk: districts[Math.floor(random() * districts.length)]!, leeftijd: weighted(random, ages) });
      let status: 'booked' | 'attended' | 'no_show' | 'cancelled' = 'booked';
      let statusAt = bookedAt ?? startsAt - 86_400_000;
      if (random() < (lead !== null && lead > 30 ? 0.12 : 0.06)) {
        status = 'cancelled';
        statusAt = Math.min(startsAt - 3_600_000, statusAt + Math.floor(random() * Math.max(1, startsAt - statusAt)));
      } else if (startsAt < now.getTime() - 3_600_000) {
        status = random() < demoNoShowChance({ weekday, hour, lead, reminded, channel, location, product }) ? 'no_show' : 'attended';
        statusAt = startsAt + 30 * 60_000;
      }
      byStatus[status]!++;
      const band = appointmentLeadBand(bookedAt === null ? undefined : dayOf(new Date(bookedAt)), day);
      insert.run(
        `${prefix}-${made}`,
        product,
        location,
        channel,
        bookedAt,
        startsAt,
        reminderAt,
        status,
        statusAt,
        segment,
        day,
        weekday,
        hour,
        band,
        reminded ? 1 : 0,
        bookedAt ?? startsAt,
        statusAt,
      );
    }
  });
  while (made < options.count) batch.immediate(10_000);
  return { appointments: made, byStatus };
}
