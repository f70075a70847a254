/**
 * No-show patterns: the pure functions against known answers (rates, Wilson intervals, flagging,
 * ranking, heat-map grid, weekly trend, CSV), the per-day cache against the bare grouped query,
 * and /dashboard/no-shows through the real app (app.request, in-memory SQLite with the real
 * migrations), signed in as a manager: filter combinations, empty data, a single appointment,
 * the minimum group size, a flagged pattern with the citizens' reasons, the CSV export, access.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client';
import type { AppointmentStatus } from '../../src/db/schema';
import { recordAppointment } from '../../src/noshows/appointments';
import { loadNoShows, MAX_FLAGGED } from '../../src/noshows/dashboard-data';
import { resolveNoShowFilters } from '../../src/noshows/filters';
import { generateDemoAppointments } from '../../src/demo/demo-appointments';
import { groupLabel } from '../../src/noshows/dimensions';
import { noShowCsv } from '../../src/noshows/export';
import { submitNoShowResponse } from '../../src/survey/no-show-survey';
import {
  aggregateRows,
  belongsTo,
  buildPatterns,
  emptyCounts,
  heatMapGrid,
  isFlagged,
  rankPatterns,
  summarizeGroup,
  weeklyTrend,
  type GroupedRow,
  type OutcomeCounts,
} from '../../src/noshows/patterns';
import { periodAggregate, segmentBreakdown } from '../../src/noshows/day-cache';
import { groupedAppointmentRows, groupedAppointmentRowsByDay, segmentBreakdownQuery, UNKNOWN_SEGMENT } from '../../src/noshows/queries';
import { nl } from '../../src/texts';
import { heatLevel, TOP_PATTERNS } from '../../views/noshows/panels';
import { decodeHtml, escapeHtml } from '../helpers/html-text';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { surveyTokenOf } from '../helpers/survey-link';

const t = nl.noShowDashboard;
const counts = (attended: number, noShow: number, cancelled = 0, booked = 0): OutcomeCounts => ({ attended, noShow, cancelled, booked });

// ── Pure functions ───────────────────────────────────────────────────────────────────────────

describe('summarizeGroup, flagging and ranking', () => {
  it('gives the rate with its Wilson interval (known answers) and counts cancellations apart', () => {
    const group = summarizeGroup('product', 'paspoort', counts(80, 20, 7, 3), 0.1, 10);
    expect(group.n).toBe(100);
    expect(group.reportable).toBe(true);
    expect(group.estimate!.rate).toBe(0.2);
    // Wilson 95% for 20 of 100: 0.13337 … 0.28883 (textbook value).
    expect(group.estimate!.low).toBeCloseTo(0.133367, 5);
    expect(group.estimate!.high).toBeCloseTo(0.288829, 5);
    expect(group.expected).toBeCloseTo(10, 10);
    expect(group.excess).toBeCloseTo(10, 10);
    expect(group.flagged).toBe(true);
    // 15 of 30: 0.33154 … 0.66846.
    const half = summarizeGroup('location', 'Noord', counts(15, 15), 0.4, 10);
    expect(half.estimate!.low).toBeCloseTo(0.331541, 5);
    expect(half.estimate!.high).toBeCloseTo(0.668459, 5);
    expect(half.flagged).toBe(false);
  });

  it('flags only when the lower bound lies above the overall rate, and never below the minimum group size', () => {
    expect(isFlagged({ n: 100, successes: 20, rate: 0.2, low: 0.1334, high: 0.2888 }, 0.13)).toBe(true);
    expect(isFlagged({ n: 100, successes: 20, rate: 0.2, low: 0.1334, high: 0.2888 }, 0.14)).toBe(false);
    expect(isFlagged(undefined, 0.1)).toBe(false);
    expect(isFlagged({ n: 10, successes: 10, rate: 1, low: 0.72, high: 1 }, undefined)).toBe(false);
    const nine = summarizeGroup('weekdayHour', '1-9', counts(0, 9), 0.1, 10);
    expect(nine).toMatchObject({ n: 9, reportable: false, estimate: undefined, excess: undefined, flagged: false });
    const ten = summarizeGroup('weekdayHour', '1-9', counts(0, 10), 0.1, 10);
    expect(ten.reportable).toBe(true);
    expect(ten.estimate!.low).toBeCloseTo(0.722467, 5);
    expect(ten.flagged).toBe(true);
    expect(summarizeGroup('weekdayHour', '1-9', counts(0, 9), 0.1, 5).flagged).toBe(true);
    // Cancellations and bookings are not outcomes: a group of only those has no rate.
    expect(summarizeGroup('product', 'x', counts(0, 0, 50, 50), 0.1, 10)).toMatchObject({ n: 0, reportable: false, flagged: false });
  });

  it('ranks by lost appointments (excess no-shows over the overall rate), not by the raw number of no-shows', () => {
    const base = { weekday: 2, hour: 10, location: 'Stadskantoor', channel: 'web', leadBand: '3-7', reminded: true };
    const rows: GroupedRow[] = [
      { ...base, product: 'A', status: 'attended', count: 1660 },
      { ...base, product: 'A', status: 'no_show', count: 340 },
      { ...base, product: 'B', status: 'attended', count: 100 },
      { ...base, product: 'B', status: 'no_show', count: 100 },
      { ...base, product: 'C', status: 'attended', count: 2490 },
      { ...base, product: 'C', status: 'no_show', count: 310 },
    ];
    const patterns = buildPatterns(aggregateRows(rows), { minGroupSize: 10 });
    // 750 no-shows of 5000 outcomes: 15%.
    expect(patterns.overall.estimate!.rate).toBe(0.15);
    const flagged = patterns.flagged.map((group) => [group.dimension, group.key, Math.round(group.excess! * 1000) / 1000]);
    // A has more no-shows (340 against 100), but B loses more than its share: 100 − 0.15 × 200 = 70 against 340 − 300 = 40.
    expect(flagged).toEqual([
      ['product', 'B', 70],
      ['product', 'A', 40],
    ]);
    expect(patterns.breakdowns.product.map((group) => group.key)).toEqual(['C', 'A', 'B']);
    // The one heat-map cell, the location, channel, lead band and reminder hold everyone: never above themselves.
    expect(patterns.heatMap.cells.get('2-10')!.flagged).toBe(false);
  });

  it('breaks ties by rate, then size', () => {
    const make = (key: string, attended: number, noShow: number) => summarizeGroup('product', key, counts(attended, noShow), 0.1, 10);
    const ranked = rankPatterns([make('b', 60, 40), make('a', 160, 40), make('c', 20, 30), make('d', 900, 100)]);
    // Excess: a 40 − 20 = 20, b 40 − 10 = 30, c 30 − 5 = 25; d is not flagged.
    expect(ranked.map((group) => group.key)).toEqual(['b', 'c', 'a']);
  });
});

describe('aggregateRows, heat-map grid, weekly trend, belongsTo', () => {
  const row = (overrides: Partial<GroupedRow>): GroupedRow => ({
    day: '2026-11-16',
    weekday: 1,
    hour: 9,
    product: 'paspoort',
    location: 'Stadskantoor',
    channel: 'web',
    leadBand: '3-7',
    reminded: true,
    status: 'attended',
    count: 1,
    ...overrides,
  });

  it('adds up every breakdown at once; filters apply to the counts, not to the choices', () => {
    const rows = [
      row({ count: 8 }),
      row({ status: 'no_show', count: 2 }),
      row({ product: 'rijbewijs', status: 'no_show', hour: 14, reminded: false, count: 3 }),
      row({ product: 'rijbewijs', status: 'cancelled', count: 4, day: '2026-11-17', weekday: 2, location: 'Noord', channel: 'telefoon' }),
      row({ status: 'booked', count: 1, day: '2026-11-20', weekday: 5, leadBand: '30+' }),
    ];
    const all = aggregateRows(rows);
    expect(all.overall).toEqual(counts(8, 5, 4, 1));
    expect(all.cells.get('1-9')).toEqual(counts(8, 2));
    expect(all.cells.get('1-14')).toEqual(counts(0, 3));
    expect(all.breakdowns.product.get('rijbewijs')).toEqual(counts(0, 3, 4));
    expect(all.breakdowns.reminded.get('nee')).toEqual(counts(0, 3));
    expect(all.breakdowns.leadBand.get('30+')).toEqual(counts(0, 0, 0, 1));
    expect(all.days.get('2026-11-17')).toEqual(counts(0, 0, 4));
    expect(all.options).toEqual({ products: ['paspoort', 'rijbewijs'], locations: ['Noord', 'Stadskantoor'], channels: ['telefoon', 'web'] });

    const filtered = aggregateRows(rows, { product: 'rijbewijs', channel: 'telefoon' });
    expect(filtered.overall).toEqual(counts(0, 0, 4));
    expect(filtered.options).toEqual(all.options);
    expect(aggregateRows(rows, { location: 'Nergens' }).overall).toEqual(emptyCounts());
  });

  it('lays out Monday to Friday always, the weekend only with appointments, and the hours in between', () => {
    const cells = new Map([
      ['1-9', counts(5, 1)],
      ['3-12', counts(0, 0, 2)],
    ]);
    expect(heatMapGrid(cells)).toEqual({ weekdays: [1, 2, 3, 4, 5], hours: [9, 10, 11, 12] });
    cells.set('6-10', counts(1, 0));
    expect(heatMapGrid(cells).weekdays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(heatMapGrid(new Map())).toEqual({ weekdays: [1, 2, 3, 4, 5], hours: [] });
  });

  it('gives every ISO week of the period, marks partial weeks and hides small ones', () => {
    const days = new Map([
      ['2026-11-04', counts(18, 2)],
      ['2026-11-10', counts(3, 1)],
      ['2026-11-16', counts(30, 10, 5)],
    ]);
    const weeks = weeklyTrend(days, '2026-11-04', '2026-11-20', 10);
    expect(weeks.map((week) => [week.week, week.from, week.to, week.partial, week.n])).toEqual([
      ['2026-W45', '2026-11-04', '2026-11-08', true, 20],
      ['2026-W46', '2026-11-09', '2026-11-15', false, 4],
      ['2026-W47', '2026-11-16', '2026-11-20', true, 40],
    ]);
    expect(weeks[0]!.estimate!.rate).toBe(0.1);
    expect(weeks[1]).toMatchObject({ reportable: false, estimate: undefined });
    expect(weeks[2]!.estimate!.rate).toBe(0.25);
    expect(weeks[2]!.counts.cancelled).toBe(5);
  });

  it('tells which rows belong to a pattern group', () => {
    const dims = { weekday: 1, hour: 9, product: 'paspoort', location: 'Noord', channel: 'web', leadBand: '30+', reminded: false };
    expect(belongsTo({ dimension: 'weekdayHour', key: '1-9' }, dims)).toBe(true);
    expect(belongsTo({ dimension: 'weekdayHour', key: '1-10' }, dims)).toBe(false);
    expect(belongsTo({ dimension: 'leadBand', key: '30+' }, dims)).toBe(true);
    expect(belongsTo({ dimension: 'reminded', key: 'nee' }, dims)).toBe(true);
    expect(belongsTo({ dimension: 'location', key: 'Stadskantoor' }, dims)).toBe(false);
    expect(belongsTo({ dimension: 'segment', key: 'Noord' }, dims)).toBe(false);
  });

  it('colours the heat map in fixed steps of ten points and names groups in Dutch', () => {
    expect([0, 0.0999, 0.1, 0.25, 0.3999, 0.4, 1].map(heatLevel)).toEqual([0, 0, 1, 2, 3, 4, 4]);
    expect(groupLabel({ dimension: 'weekdayHour', key: '1-9' })).toBe('maandag 9:00');
    expect(groupLabel({ dimension: 'leadBand', key: '30+' })).toBe('meer dan 30 dagen');
    expect(groupLabel({ dimension: 'reminded', key: 'nee' })).toBe('geen herinnering');
    expect(groupLabel({ dimension: 'product', key: 'paspoort' })).toBe('paspoort');
  });
});

// ── Through the database and the app ──────────────────────────────────────────────────────────

interface Spec {
  status: AppointmentStatus;
  /** The start, as an instant (UTC). */
  startsAt: string;
  product?: string;
  location?: string;
  channel?: string;
  bookedDaysBefore?: number;
  reminded?: boolean;
  segment?: Record<string, string>;
}

let sequence = 0;

/** `count` appointments through the real domain function (the one events and imports use). */
function add(ctx: TestContext, spec: Spec, count = 1): string[] {
  const references: string[] = [];
  ctx.db.transaction((tx) => {
    for (let i = 0; i < count; i++) {
      const startsAt = new Date(spec.startsAt);
      const reference = `T-${++sequence}`;
      references.push(reference);
      recordAppointment(
        tx,
        { addressHashKey: ctx.addressHashKey, now: ctx.clock.now() },
        {
          reference,
          status: spec.status,
          at: new Date(startsAt.getTime() + 30 * 60_000),
          product: spec.product ?? 'paspoort',
          location: spec.location ?? 'Stadskantoor',
          channel: spec.channel ?? 'web',
          bookedAt: new Date(startsAt.getTime() - (spec.bookedDaysBefore ?? 5) * 86_400_000),
          startsAt,
          reminderSentAt: spec.reminded ? new Date(startsAt.getTime() - 86_400_000) : undefined,
          segment: spec.segment,
        },
        'test',
      );
    }
  });
  return references;
}

/** Later events for cached days: one no-show of the period corrected to attended, and `moved` moved to 5 October. */
function correctOneAndMove(ctx: TestContext, from: string, to: string, moved: string): void {
  const noShow = ctx.db.$client.prepare("SELECT reference, starts_at FROM appointments WHERE status = 'no_show' AND day BETWEEN ? AND ? LIMIT 1").get(from, to) as {
    reference: string;
    starts_at: number;
  };
  ctx.db.transaction((tx) => {
    const deps = { addressHashKey: ctx.addressHashKey, now: ctx.clock.now() };
    recordAppointment(tx, deps, { reference: noShow.reference, status: 'attended', at: new Date(noShow.starts_at + 3_600_000) }, 'test');
    recordAppointment(tx, deps, { reference: moved, status: 'booked', at: ctx.clock.now(), startsAt: new Date('2026-10-05T12:00:00Z') }, 'test');
  });
}

// In November Amsterdam is UTC+1: 08:30Z is 09:30 on Dutch clocks.
const MONDAY_9 = '2026-11-16T08:30:00Z';
const TUESDAY_10 = '2026-11-17T09:30:00Z';

/**
 * 200 passport appointments on Tuesday at 10 with 10% no-shows, and 40 driving-licence
 * appointments on Monday at 9 at the Noord office booked by phone, half of them missed.
 */
function baseline(ctx: TestContext) {
  add(ctx, { status: 'attended', startsAt: TUESDAY_10 }, 180);
  add(ctx, { status: 'no_show', startsAt: TUESDAY_10 }, 20);
  add(ctx, { status: 'cancelled', startsAt: TUESDAY_10 }, 6);
  const monday = { startsAt: MONDAY_9, product: 'rijbewijs', location: 'Noord', channel: 'telefoon', bookedDaysBefore: 40 };
  add(ctx, { ...monday, status: 'attended' }, 20);
  add(ctx, { ...monday, status: 'no_show' }, 20);
}

async function manager(ctx: TestContext) {
  await createStaff(ctx.db, ctx.clock, 'manager');
  const get = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);
  return {
    get,
    fragment: async (query = '') => {
      const response = await get(`/dashboard/no-shows${query}`, { headers: { 'HX-Request': 'true' } });
      return { status: response.status, html: await response.text() };
    },
  };
}

const figure = (html: string, key: string) => new RegExp(`data-figure="${key}">[\\s\\S]*?<td[^>]*>([^<]*)</td>`).exec(html)?.[1];
const cell = (html: string, key: string) => {
  const match = new RegExp(`<td class="([^"]*)" data-cell="${key}" data-n="(\\d+)"><span class="mh-heat-rate">([^<]*)</span>`).exec(html);
  return match ? { classes: match[1]!, n: Number(match[2]), text: match[3]! } : undefined;
};
const flagged = (html: string) => [...html.matchAll(/class="mh-dip" data-hook="pattern" data-dimension="([^"]+)" data-key="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
const selected = (html: string, name: string) => new RegExp(`name="${name}">[\\s\\S]*?<option value="([^"]*)" selected`).exec(html)?.[1];

describe('/dashboard/no-shows', () => {
  it('shows the overall rate with its counts, the heat map, the breakdowns and the flagged pattern', async () => {
    const ctx = createTestContext();
    baseline(ctx);
    const { fragment, get } = await manager(ctx);
    const { status, html } = await fragment();
    expect(status).toBe(200);
    expect(html).not.toContain('<html');
    expect(html).toContain(t.periodSummary('2026-08-23', '2026-11-20'));
    expect(figure(html, 'n')).toBe('240');
    expect(figure(html, 'attended')).toBe('200');
    expect(figure(html, 'no-show')).toBe('40');
    expect(figure(html, 'cancelled')).toBe('6');
    expect(figure(html, 'rate')).toBe('16,7%');

    expect(cell(html, '1-9')).toEqual({ classes: 'utrecht-table__cell mh-heat mh-heat-4 mh-heat-flagged', n: 40, text: '50,0%' });
    expect(cell(html, '2-10')).toEqual({ classes: 'utrecht-table__cell mh-heat mh-heat-1', n: 200, text: '10,0%' });
    // The grid runs from the first to the last hour with appointments; empty cells are "–".
    expect(cell(html, '3-9')).toEqual({ classes: 'utrecht-table__cell mh-heat mh-heat-none', n: 0, text: '–' });
    expect(cell(html, '1-11')).toBeUndefined();
    expect(html).toContain(t.heatMap.legend);

    // Monday 9:00, the driving licence, the Noord office, phone bookings and "over 30 days ahead" all stand out.
    expect(flagged(html).sort()).toEqual(['channel:telefoon', 'leadBand:30+', 'location:Noord', 'product:rijbewijs', 'weekdayHour:1-9']);
    expect(html).toContain(`${t.dimensions.weekdayHour}: maandag 9:00`);
    expect(html).toContain(escapeHtml(t.flagged.noReasons));
    for (const kind of ['noshow-bars', 'noshow-trend']) expect(html).toContain(`data-chart="${kind}"`);
    for (const id of ['product-grafiek', 'locatie-grafiek', 'kanaal-grafiek', 'boektermijn-grafiek', 'herinnering-grafiek', 'trend-grafiek']) {
      expect(html).toContain(`id="${id}"`);
    }
    // The chart data are the table's numbers.
    const bars = JSON.parse(/id="product-grafiek" data-chart="noshow-bars">[\s\S]*?<script type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(bars).toMatchObject({ labels: ['paspoort', 'rijbewijs'], rates: [10, 50], flagged: [false, true], n: [200, 40], average: 16.7 });

    const page = await get('/dashboard/no-shows');
    const full = await page.text();
    expect(full.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(full).toContain(`<h1 class="utrecht-heading-1">${t.title}</h1>`);
    expect(full).toContain('<h1 class="utrecht-heading-1">No-shows: gemiste afspraken</h1>');
    expect(full).toContain('aria-current="page">No-shows</a>');
    expect(page.headers.get('Vary')).toContain('HX-Request');
    // The main dashboard links here.
    expect(await (await get('/dashboard')).text()).toContain('href="/dashboard/no-shows"');
  });

  it('leads with the heat map, then the top patterns; the rest are folded in a closed <details>, numbered on', async () => {
    const ctx = createTestContext();
    baseline(ctx);
    const { fragment } = await manager(ctx);
    const { html } = await fragment();
    const all = flagged(html);
    expect(all).toHaveLength(5);
    const heatMap = html.indexOf('id="heatmap-titel"');
    const patterns = html.indexOf('id="patronen-titel"');
    expect(heatMap).toBeGreaterThan(html.indexOf('id="totaal-titel"'));
    expect(patterns).toBeGreaterThan(heatMap);
    const fold = /<details class="mh-fold" id="meer-patronen">([\s\S]*?)<\/details>/.exec(html)!;
    expect(fold).not.toBeNull();
    // Closed until opened: no `open` attribute.
    expect(fold[0]).toMatch(/^<details class="mh-fold" id="meer-patronen">/);
    expect(/<summary[^>]*>([^<]*)<\/summary>/.exec(fold[1]!)![1]).toBe(t.flagged.showMore(all.length - TOP_PATTERNS));
    expect(fold[1]).toContain(`<ol class="mh-dips" start="${TOP_PATTERNS + 1}">`);
    const before = html.slice(0, fold.index);
    expect(flagged(before)).toEqual(all.slice(0, TOP_PATTERNS));
    expect(flagged(fold[1]!)).toEqual(all.slice(TOP_PATTERNS));
    expect(flagged(html.slice(fold.index + fold[0].length))).toEqual([]);

    // Three patterns or fewer: nothing to fold.
    const few = (await fragment('?kanaal=telefoon')).html;
    expect(flagged(few).length).toBeLessThanOrEqual(TOP_PATTERNS);
    expect(few).not.toContain('<details');
  });

  it('shows weeks and days the Dutch way, never a week key or an ISO date', async () => {
    const ctx = createTestContext();
    baseline(ctx);
    const { fragment } = await manager(ctx);
    const { html } = await fragment();
    // The period runs from Sunday 23 August (week 34, one day of it) to Friday 20 November 2026 (week 47).
    const weeks = [...html.matchAll(/<tr class="utrecht-table__row" data-week="([^"]+)"><th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => [m[1], decodeHtml(m[2]!)]);
    expect(weeks[0]).toEqual(['2026-W34', `week 34 ${t.trend.partial}: 23 aug 2026`]);
    expect(weeks[1]).toEqual(['2026-W35', 'week 35']);
    expect(weeks.at(-1)).toEqual(['2026-W47', `week 47 ${t.trend.partial}: 16–20 nov 2026`]);
    const trend = JSON.parse(/id="trend-grafiek" data-chart="noshow-trend">[\s\S]*?<script type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(trend.labels).toEqual(weeks.map(([, label]) => label!.split(` ${t.trend.partial}`)[0]));
    // Attribute values (the form's dates, data-week) may hold keys; the text a reader sees does not.
    const text = decodeHtml(html);
    expect(text).not.toMatch(/\d{4}-W\d{2}/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('filters by product, location and channel, alone and combined, and keeps a chosen value that has no data', async () => {
    const ctx = createTestContext();
    baseline(ctx);
    const { fragment } = await manager(ctx);

    const passport = (await fragment('?product=paspoort')).html;
    expect(figure(passport, 'n')).toBe('200');
    expect(figure(passport, 'rate')).toBe('10,0%');
    expect(flagged(passport)).toEqual([]);
    expect(passport).toContain(t.flagged.none);
    expect(selected(passport, 'product')).toBe('paspoort');
    // The choices still hold every product of the period.
    expect(passport).toContain('<option value="rijbewijs">rijbewijs</option>');
    // Only the hours with appointments under the filter make the grid.
    expect(cell(passport, '1-9')).toBeUndefined();
    expect(cell(passport, '1-10')).toMatchObject({ n: 0, text: '–' });

    const licenceNoord = (await fragment('?product=rijbewijs&locatie=Noord')).html;
    expect(figure(licenceNoord, 'n')).toBe('40');
    expect(figure(licenceNoord, 'rate')).toBe('50,0%');
    expect(selected(licenceNoord, 'locatie')).toBe('Noord');

    expect(figure((await fragment('?kanaal=telefoon')).html, 'n')).toBe('40');
    expect(figure((await fragment('?kanaal=web&locatie=Stadskantoor')).html, 'n')).toBe('200');

    const nothing = (await fragment('?product=rijbewijs&locatie=Stadskantoor')).html;
    expect(nothing).toContain(t.overall.none);
    expect(nothing).not.toContain('mh-heatmap');
    expect(selected(nothing, 'product')).toBe('rijbewijs');
    const unknown = (await fragment('?product=bestaat-niet')).html;
    expect(unknown).toContain(t.overall.none);
    expect(unknown).toContain('<option value="bestaat-niet" selected="">bestaat-niet</option>');
  });

  it('follows the period: 30 and 90 days, a custom range, and a wrong date (422)', async () => {
    const ctx = createTestContext();
    baseline(ctx);
    add(ctx, { status: 'attended', startsAt: '2026-09-01T08:00:00Z' }, 15);
    const { fragment } = await manager(ctx);
    expect(figure((await fragment()).html, 'n')).toBe('255');
    expect(figure((await fragment('?periode=30')).html, 'n')).toBe('240');
    const custom = (await fragment('?periode=eigen&van=2026-09-01&tot=2026-09-01')).html;
    expect(figure(custom, 'n')).toBe('15');
    expect(figure(custom, 'rate')).toBe('0,0%');
    expect(custom).toContain(t.periodSummary('2026-09-01', '2026-09-01'));
    const wrong = await fragment('?periode=eigen&van=2026-13-01&tot=2026-11-20');
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain(nl.dashboard.errors.date);
    // The numbers fall back to the default period.
    expect(figure(wrong.html, 'n')).toBe('255');
  });

  it('without any appointment: the page says so, draws nothing, and the CSV has only the totals and the weeks', async () => {
    const ctx = createTestContext();
    const { fragment, get } = await manager(ctx);
    const { status, html } = await fragment();
    expect(status).toBe(200);
    expect(html).toContain(t.overall.none);
    expect(html).not.toContain('data-chart=');
    expect(html).not.toContain('mh-heatmap');
    const csv = (await (await get('/dashboard/no-shows/export.csv')).text()).trim().split('\r\n');
    expect(csv[1]).toBe('totaal;2026-08-23;2026-11-20;alle;alle;alle;Totaal;0;;;;;;;;;');
    expect(csv.slice(2).every((line) => line.startsWith('week;'))).toBe(true);
    expect(csv).toHaveLength(2 + 14);
  });

  it('with a single appointment: its size only, no rate, no split, nothing flagged', async () => {
    const ctx = createTestContext();
    add(ctx, { status: 'no_show', startsAt: MONDAY_9 });
    const { fragment } = await manager(ctx);
    const { html } = await fragment();
    expect(html).toContain(t.overall.tooFew(10));
    expect(figure(html, 'n')).toBe('1');
    expect(figure(html, 'no-show')).toBe('–');
    expect(figure(html, 'rate')).toBe('–');
    expect(cell(html, '1-9')).toEqual({ classes: 'utrecht-table__cell mh-heat mh-heat-none', n: 1, text: '–' });
    expect(flagged(html)).toEqual([]);
    expect(html).toContain(t.flagged.none);
    expect(html).toContain(t.tooFewStatus(10));
  });

  it('respects the minimum group size: 9 missed appointments are "–", the 10th makes the pattern show (and MIN_GROUP_SIZE moves the line)', async () => {
    const ctx = createTestContext();
    add(ctx, { status: 'attended', startsAt: TUESDAY_10 }, 90);
    add(ctx, { status: 'no_show', startsAt: TUESDAY_10 }, 10);
    add(ctx, { status: 'no_show', startsAt: MONDAY_9 }, 9);
    const { fragment } = await manager(ctx);
    const nine = (await fragment()).html;
    expect(cell(nine, '1-9')).toMatchObject({ n: 9, text: '–' });
    expect(flagged(nine)).not.toContain('weekdayHour:1-9');

    add(ctx, { status: 'no_show', startsAt: MONDAY_9 });
    const ten = (await fragment()).html;
    expect(cell(ten, '1-9')).toMatchObject({ n: 10, text: '100,0%' });
    expect(flagged(ten)[0]).toBe('weekdayHour:1-9');

    const five = createTestContext({ MIN_GROUP_SIZE: '5' });
    add(five, { status: 'attended', startsAt: TUESDAY_10 }, 90);
    add(five, { status: 'no_show', startsAt: TUESDAY_10 }, 10);
    add(five, { status: 'no_show', startsAt: MONDAY_9 }, 6);
    const html = (await (await manager(five)).fragment()).html;
    expect(cell(html, '1-9')).toMatchObject({ n: 6, text: '100,0%' });
    expect(flagged(html)).toContain('weekdayHour:1-9');
  });

  it('breaks down by a segment key when asked, and ignores an unknown key', async () => {
    const ctx = createTestContext();
    add(ctx, { status: 'attended', startsAt: TUESDAY_10, segment: { wijk: 'Centrum' } }, 45);
    add(ctx, { status: 'no_show', startsAt: TUESDAY_10, segment: { wijk: 'Centrum' } }, 5);
    add(ctx, { status: 'attended', startsAt: TUESDAY_10, segment: { wijk: 'Noord' } }, 20);
    add(ctx, { status: 'no_show', startsAt: TUESDAY_10, segment: { wijk: 'Noord' } }, 30);
    add(ctx, { status: 'attended', startsAt: TUESDAY_10 }, 3);
    const { fragment } = await manager(ctx);
    expect((await fragment()).html).toContain('<option value="wijk">Wijk</option>');
    const html = (await fragment('?segment=wijk')).html;
    expect(html).toContain(`id="segment-titel">${t.segmentTitle('wijk')}`);
    expect(html).toMatch(/data-key="Noord" data-rate="60"/);
    expect(html).toMatch(/data-key="onbekend" data-rate=""/);
    expect(flagged(html)).toContain('segment:Noord');
    expect(html).toContain('Wijk: Noord</h3>');
    expect(html).toContain('<th class="utrecht-table__header-cell" scope="col">Wijk</th>');
    const unknown = (await fragment('?segment=bestaat-niet')).html;
    expect(unknown).not.toContain('segment-titel');
  });

  it('exports the figures on screen as Dutch CSV, small groups with their size only', async () => {
    const ctx = createTestContext();
    baseline(ctx);
    add(ctx, { status: 'attended', startsAt: '2026-11-18T13:30:00Z', product: 'huwelijk' }, 3);
    const { get, fragment } = await manager(ctx);
    const response = await get('/dashboard/no-shows/export.csv?product=&kanaal=');
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="meethuis-no-shows-2026-08-23-2026-11-20.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...lines] = text.trim().split('\r\n').map((line) => line.split(';'));
    const column = (name: string) => header!.indexOf(name);
    const find = (section: string, group: string) => lines.find((line) => line[0] === section && line[column('groep')] === group)!;

    expect(find('totaal', 'Totaal').slice(column('met_uitkomst'), column('interval_laag'))).toEqual(['243', '203', '40', '6', '0,165']);
    const licence = find('product', 'rijbewijs');
    expect(licence[column('no_show_aandeel')]).toBe('0,500');
    expect(licence[column('opvallend')]).toBe('ja');
    expect(Number(licence[column('gemiste_afspraken_boven_gemiddeld')]!.replace(',', '.'))).toBeCloseTo(20 - (40 * 40) / 243, 1);
    expect(find('weekdag-uur', 'maandag 9:00')[column('opvallend')]).toBe('ja');
    expect(find('boektermijn', 'meer dan 30 dagen')[column('opvallend')]).toBe('ja');
    expect(find('herinnering', 'geen herinnering')[column('met_uitkomst')]).toBe('243');
    // 3 weddings: below the minimum group size, only the size.
    expect(find('product', 'huwelijk').slice(column('met_uitkomst'))).toEqual(['3', '', '', '', '', '', '', '', '', 'nee']);
    expect(find('weekdag-uur', 'woensdag 14:00').slice(column('met_uitkomst'), column('geannuleerd') + 1)).toEqual(['3', '', '', '']);
    expect(lines.filter((line) => line[0] === 'week')).toHaveLength(14);

    // The same numbers as the table on screen.
    const html = (await fragment()).html;
    const row = /<tr class="utrecht-table__row mh-row-dip" data-key="rijbewijs"[^>]*>[\s\S]*?<\/tr>/.exec(html)![0];
    const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(0, 4)).toEqual([licence[column('met_uitkomst')], licence[column('gekomen')], licence[column('niet_gekomen')], licence[column('geannuleerd')]]);

    const filtered = await (await get('/dashboard/no-shows/export.csv?product=paspoort&locatie=Stadskantoor')).text();
    expect(filtered).toContain('totaal;2026-08-23;2026-11-20;paspoort;Stadskantoor;alle;Totaal;200;180;20;6;0,100;');
  });

  it('shows why citizens did not come, per flagged pattern, from the "we hebben u gemist" answers (from the minimum group size on)', async () => {
    const ctx = createTestContext();
    const journey = ctx.db.$client.prepare("SELECT id FROM journeys WHERE slug = 'paspoort-aanvragen'").get() as { id: number };
    ctx.db.$client.prepare('INSERT INTO appointment_products (product, journey_id) VALUES (?, ?)').run('paspoort', journey.id);
    add(ctx, { status: 'attended', startsAt: TUESDAY_10 }, 180);
    add(ctx, { status: 'no_show', startsAt: TUESDAY_10 }, 10);
    add(ctx, { status: 'attended', startsAt: MONDAY_9 }, 10);
    const reasons = ['vergeten', 'vergeten', 'vergeten', 'vergeten', 'vergeten', 'vergeten', 'kon-niet', 'kon-niet', 'kon-niet', 'te-ver-weg', 'anders', 'anders'] as const;
    const answer = async (i: number, reason: (typeof reasons)[number]) => {
      const response = await ctx.postEvent({
        id: `noshow-${i}`,
        type: 'appointment.no_show',
        occurredAt: '2026-11-16T09:00:00Z',
        appointment: { reference: `R-${i}`, product: 'paspoort', location: 'Stadskantoor', channel: 'web', bookedAt: '2026-11-01T08:00:00Z', startsAt: MONDAY_9 },
        citizen: { email: `inwoner${i}@example.nl` },
      });
      const body = (await response.json()) as { survey: { status: string; invitationId: number } };
      expect(body.survey.status).toBe('accepted');
      const token = surveyTokenOf(ctx.db, body.survey.invitationId);
      expect(submitNoShowResponse(ctx.db, ctx.clock, token, { reason, comment: null, bookingFeeling: null }).state).toBe('stored');
    };
    for (let i = 0; i < 4; i++) await answer(i, reasons[i]!);
    const { fragment } = await manager(ctx);
    const few = (await fragment()).html;
    expect(flagged(few)).toContain('weekdayHour:1-9');
    expect(few).toContain(escapeHtml(t.flagged.tooFewReasons(4, 10)));

    for (let i = 4; i < reasons.length; i++) await answer(i, reasons[i]!);
    const html = (await fragment()).html;
    const item = /data-dimension="weekdayHour" data-key="1-9">[\s\S]*?<\/li>\s*(?:<\/ol>|<li class="mh-dip)/.exec(html)![0];
    const shown = [...item.matchAll(/<li data-reason="([^"]+)">([^<]*)<\/li>/g)].map((m) => [m[1], m[2]]);
    expect(shown).toEqual([
      ['vergeten', `${nl.noShow.reasons[0]!.label}: 6`],
      ['kon-niet', `${nl.noShow.reasons[1]!.label}: 3`],
      ['anders', 'Anders: 2'],
      ['te-ver-weg', `${nl.noShow.reasons[4]!.label}: 1`],
    ]);
    // A product filter narrows the answers along with the appointments.
    expect((await fragment('?product=rijbewijs')).html).not.toContain('data-reason=');
  });

  it('lets managers and admins in; a researcher gets 403; an anonymous visitor goes to the login page', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const researcher = asStaff(ctx.app, (await login(ctx.app, 'researcher@gemeente.test')).cookie!);
    for (const path of ['/dashboard/no-shows', '/dashboard/no-shows/export.csv']) {
      expect((await researcher(path)).status, path).toBe(403);
      const anonymous = await ctx.app.request(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('Location')!.startsWith('/login')).toBe(true);
    }
    const { get } = await manager(ctx);
    expect((await get('/dashboard/no-shows')).status).toBe(200);
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    await createStaff(ctx.db, ctx.clock, 'admin');
    const admin = asStaff(ctx.app, (await login(ctx.app, 'admin@gemeente.test')).cookie!);
    expect((await admin('/dashboard/no-shows/export.csv')).status).toBe(200);
  });
});

// ── The per-day cache ─────────────────────────────────────────────────────────────────────────

describe('the per-day pattern cache', () => {
  it('equals the bare grouped query after inserts, outcome corrections, moved appointments and filters', async () => {
    const ctx = createTestContext();
    generateDemoAppointments(ctx.db, { count: 3000, days: 120, seed: 5 }, ctx.clock.now());
    const from = '2026-08-23';
    const to = '2026-11-20';
    const reference = (filter = {}) => aggregateRows(groupedAppointmentRowsByDay(ctx.db, from, to), filter);
    expect(periodAggregate(ctx.db, from, to)).toEqual(reference());

    // Later events for cached days: a new appointment, a corrected outcome, an appointment moved to another day.
    const [moved] = add(ctx, { status: 'booked', startsAt: TUESDAY_10, product: 'verhuizing' });
    add(ctx, { status: 'no_show', startsAt: MONDAY_9, product: 'verhuizing' });
    correctOneAndMove(ctx, from, to, moved!);
    for (const filter of [{}, { product: 'verhuizing' }, { location: 'Stadsdeelkantoor Noord', channel: 'telefoon' }, { product: 'onbekend-product' }]) {
      expect(periodAggregate(ctx.db, from, to, filter), JSON.stringify(filter)).toEqual(reference(filter));
    }
    // The grouped query without days gives the same breakdowns too.
    const plain = aggregateRows(groupedAppointmentRows(ctx.db, from, to, { product: 'paspoort' }));
    const cached = periodAggregate(ctx.db, from, to, { product: 'paspoort' });
    expect(cached.overall).toEqual(plain.overall);
    expect(cached.cells).toEqual(plain.cells);
    expect(cached.breakdowns).toEqual(plain.breakdowns);
    ctx.db.$client.prepare('DELETE FROM appointments WHERE reference = ?').run(moved);
    expect(periodAggregate(ctx.db, from, to)).toEqual(reference());
  });

  it('starts over when another connection (another process) wrote to the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-noshows-'));
    try {
      const db = openDb(join(dir, 'test.db'));
      const now = new Date('2026-11-20T15:00:00Z');
      generateDemoAppointments(db, { count: 500, days: 30, seed: 2 }, now);
      const before = periodAggregate(db, '2026-10-22', '2026-11-20');
      const other = new Database(join(dir, 'test.db'));
      other.prepare("UPDATE appointments SET status = 'no_show' WHERE status = 'attended' AND day BETWEEN '2026-10-22' AND '2026-11-20'").run();
      other.close();
      const after = periodAggregate(db, '2026-10-22', '2026-11-20');
      expect(after.overall.noShow).toBe(before.overall.noShow + before.overall.attended);
      expect(after).toEqual(aggregateRows(groupedAppointmentRowsByDay(db, '2026-10-22', '2026-11-20')));
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the per-day segment cache', () => {
  const from = '2026-08-23';
  const to = '2026-11-20';
  const filters = [{}, { product: 'paspoort' }, { location: 'Stadsdeelkantoor Noord', channel: 'telefoon' }, { product: 'onbekend-product' }];
  const expectSame = (db: TestContext['db'], key: string, label: string) => {
    for (const filter of filters) {
      const cached = segmentBreakdown(db, from, to, filter, key);
      expect(cached, `${label} ${key} ${JSON.stringify(filter)}`).toEqual(segmentBreakdownQuery(db, from, to, filter, key));
    }
  };

  it('equals the bare json_extract query after inserts, outcome corrections, moves, segment edits and deletes', () => {
    const ctx = createTestContext();
    generateDemoAppointments(ctx.db, { count: 3000, days: 120, seed: 5 }, ctx.clock.now());
    const noord = segmentBreakdownQuery(ctx.db, from, to, {}, 'wijk');
    expect(noord.size).toBeGreaterThan(2);
    for (const key of ['wijk', 'leeftijd']) expectSame(ctx.db, key, 'fresh');

    // Writes after both keys are cached, through the domain function and plain SQL.
    const [moved] = add(ctx, { status: 'booked', startsAt: TUESDAY_10, product: 'verhuizing', segment: { wijk: 'Nieuwbouw' } });
    add(ctx, { status: 'no_show', startsAt: MONDAY_9, segment: { leeftijd: '18-25' } }, 3);
    correctOneAndMove(ctx, from, to, moved!);
    const sql = ctx.db.$client;
    // Values that read the same (a number and its text, null and empty) end up in one group, as in the bare query.
    sql.prepare(`UPDATE appointments SET segment = '{"wijk": 7}' WHERE id IN (SELECT id FROM appointments WHERE day BETWEEN ? AND ? ORDER BY id LIMIT 3)`).run(from, to);
    sql.prepare(`UPDATE appointments SET segment = '{"wijk": "7"}' WHERE id IN (SELECT id FROM appointments WHERE day BETWEEN ? AND ? ORDER BY id LIMIT 2 OFFSET 3)`).run(from, to);
    sql.prepare(`UPDATE appointments SET segment = '{"wijk": null}' WHERE id IN (SELECT id FROM appointments WHERE day BETWEEN ? AND ? ORDER BY id LIMIT 2 OFFSET 5)`).run(from, to);
    sql.prepare(`UPDATE appointments SET segment = '{"wijk": ""}' WHERE id IN (SELECT id FROM appointments WHERE day BETWEEN ? AND ? ORDER BY id LIMIT 2 OFFSET 7)`).run(from, to);
    for (const key of ['wijk', 'leeftijd']) expectSame(ctx.db, key, 'after writes');
    const wijk = segmentBreakdown(ctx.db, from, to, {}, 'wijk');
    expect(wijk.get('7')!.attended + wijk.get('7')!.noShow + wijk.get('7')!.cancelled + wijk.get('7')!.booked).toBe(5);
    expect(wijk.get(UNKNOWN_SEGMENT)).toBeDefined();

    // A retention delete of a whole day, and of the moved appointment.
    sql.prepare('DELETE FROM appointments WHERE day = ?').run('2026-11-17');
    sql.prepare('DELETE FROM appointments WHERE reference = ?').run(moved);
    for (const key of ['wijk', 'leeftijd']) expectSame(ctx.db, key, 'after deletes');
    expect(segmentBreakdown(ctx.db, from, to, {}, 'wijk').get('Nieuwbouw')).toBeUndefined();
  });

  it('keeps a few keys, drops the least recently used, and starts over when another connection wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-segments-'));
    try {
      const db = openDb(join(dir, 'test.db'));
      generateDemoAppointments(db, { count: 800, days: 100, seed: 4 }, new Date('2026-11-20T15:00:00Z'));
      const keys = ['wijk', 'leeftijd', 'a', 'b', 'c', 'wijk'];
      for (const key of keys) segmentBreakdown(db, from, to, {}, key);
      const other = new Database(join(dir, 'test.db'));
      other.prepare(`UPDATE appointments SET segment = json_set(segment, '$.wijk', 'Elders') WHERE id % 3 = 0`).run();
      other.prepare("UPDATE appointments SET status = 'no_show' WHERE status = 'attended' AND id % 2 = 0").run();
      other.close();
      for (const key of ['wijk', 'leeftijd', 'a']) expectSame(db, key, 'after another connection');
      expect(segmentBreakdown(db, from, to, {}, 'wijk').get('Elders')).toBeDefined();
      // A key that cannot be a plain JSON path gives nothing, as before.
      expect(segmentBreakdown(db, from, to, {}, 'wijk"]')).toEqual(new Map());
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadNoShows and noShowCsv', () => {
  it('lists at most ten flagged patterns, most lost appointments first, and counts the rest', () => {
    const ctx = createTestContext();
    generateDemoAppointments(ctx.db, { count: 30_000, days: 120, seed: 3 }, ctx.clock.now());
    const data = loadNoShows(ctx.db, resolveNoShowFilters({}, ctx.clock.now()), { minGroupSize: 10 });
    expect(data.patterns.flagged.length).toBeGreaterThan(MAX_FLAGGED);
    expect(data.flagged).toHaveLength(MAX_FLAGGED);
    expect(data.moreFlagged).toBe(data.patterns.flagged.length - MAX_FLAGGED);
    const excess = data.flagged.map((pattern) => pattern.group.excess!);
    expect(excess).toEqual([...excess].sort((a, b) => b - a));
    // The demo's patterns: bookings over a month ahead and Monday mornings.
    expect(data.flagged.map((pattern) => `${pattern.group.dimension}:${pattern.group.key}`)).toEqual(expect.arrayContaining(['leadBand:30+', 'weekdayHour:1-8']));
  });

  it('takes reasons from any source, hides them below the minimum group size, and defuses formulas in the CSV', () => {
    const ctx = createTestContext();
    baseline(ctx);
    add(ctx, { status: 'attended', startsAt: TUESDAY_10, product: '=HYPERLINK("x")' }, 12);
    const filters = resolveNoShowFilters({}, ctx.clock.now());
    const data = loadNoShows(ctx.db, filters, {
      minGroupSize: 10,
      reasons: () => (group) => (group.dimension === 'product' ? [{ reason: 'vergeten', count: 12 }] : [{ reason: 'anders', count: 2 }]),
    });
    const licence = data.flagged.find((pattern) => pattern.group.dimension === 'product')!;
    expect(licence).toMatchObject({ reasons: [{ reason: 'vergeten', count: 12 }], answers: 12 });
    const cellPattern = data.flagged.find((pattern) => pattern.group.dimension === 'weekdayHour')!;
    expect(cellPattern).toMatchObject({ reasons: [], answers: 2 });
    expect(noShowCsv(data)).toContain(`;"'=HYPERLINK(""x"")";`);
  });
});
