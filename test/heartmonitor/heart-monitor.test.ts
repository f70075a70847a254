/**
 * The heart monitor's pure logic on known numbers: which touchpoints are estimated, which are
 * dips and in what order, what goes well, scores per ISO week and month, lead-time bands, and
 * the CSV export a manager opens in a Dutch spreadsheet.
 */
import { describe, expect, it } from 'vitest';
import type { DashboardData } from '../../src/dashboard/dashboard-data';
import { dashboardCsv } from '../../src/dashboard/export';
import { resolveFilters } from '../../src/heartmonitor/filters';
import type { Journey } from '../../src/db/schema';
import { bestTouchpoints, buildHeartMonitor, rankDips, trendOf, type HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import type { ResponseSums, TouchpointMoments } from '../../src/heartmonitor/queries';
import { leadBandOf } from '../../src/heartmonitor/rollups';
import { meanEstimate } from '../../src/heartmonitor/statistics';
import { scoresOverTime, totalScores } from '../../src/heartmonitor/trends';

const MIN = 10;

type Touchpoint = HeartMonitorPoint['touchpoint'];

const touchpoint = (id: number, slug: string, position = id, extra: Partial<Touchpoint> = {}): Touchpoint => ({
  id,
  slug,
  name: slug.replace(/-/g, ' '),
  channel: 'web',
  position,
  momentOfTruth: false,
  serviceNorm: null,
  ...extra,
});

/** Moments of a list of feelings; `null` is "niet van toepassing" (counted in answers, not in n). */
function moments(feelings: (number | null)[]): TouchpointMoments {
  const given = feelings.filter((value): value is number => value !== null);
  return {
    answers: feelings.length,
    n: given.length,
    sum: given.reduce((a, b) => a + b, 0),
    sumSquares: given.reduce((a, b) => a + b * b, 0),
  };
}

/** `count` times each value, e.g. repeat([-2, 5], [-1, 5]). */
const repeat = (...groups: [value: number | null, count: number][]) => groups.flatMap(([value, count]) => Array<number | null>(count).fill(value));

const byId = (entries: [number, TouchpointMoments][]) => new Map(entries);

describe('buildHeartMonitor', () => {
  it('does not estimate a touchpoint answered by fewer than the minimum group size, however clear its answers', () => {
    const tps = [touchpoint(1, 'te-weinig'), touchpoint(2, 'precies-genoeg')];
    // Nine times "zeer negatief" plus one "niet van toepassing": 10 answers, but n = 9 feelings.
    const current = byId([
      [1, moments([...repeat([-2, 9]), null])],
      [2, moments(repeat([-2, 5], [-1, 5]))],
    ]);
    const [few, enough] = buildHeartMonitor(tps, current, undefined, MIN);
    expect(few).toMatchObject({ answers: 10, n: 9, good: false });
    expect(few!.estimate).toBeUndefined();
    expect(few!.dip).toBeUndefined();
    expect(few!.change).toBeUndefined();
    expect(rankDips([few!])).toEqual([]);

    expect(enough!.n).toBe(MIN);
    expect(enough!.estimate!.mean).toBeCloseTo(-1.5, 12);
    expect(enough!.dip).toBeDefined();
  });

  it('gives a touchpoint without any answer n = 0 and no estimate, and keeps the journey order by position', () => {
    const tps = [touchpoint(7, 'derde', 3), touchpoint(5, 'eerste', 1), touchpoint(6, 'tweede', 2)];
    const points = buildHeartMonitor(tps, byId([[6, moments(repeat([1, 12]))]]), undefined, MIN);
    expect(points.map((point) => point.touchpoint.slug)).toEqual(['eerste', 'tweede', 'derde']);
    expect(points[0]).toMatchObject({ answers: 0, n: 0, good: false });
    expect(points[0]!.estimate).toBeUndefined();
    expect(points[1]!.estimate!.mean).toBe(1);
  });

  it('marks a dip when the whole interval lies below neutral', () => {
    // Known answers: mean −1.1, 95% t interval −1.628 … −0.572 (scipy t.interval, df = 9).
    const values = [-2, -1, -1, 0, -2, -1, -2, -1, 0, -1];
    const [point] = buildHeartMonitor([touchpoint(1, 'balie')], byId([[1, moments(values)]]), undefined, MIN);
    expect(point!.estimate!.mean).toBeCloseTo(-1.1, 12);
    expect(point!.estimate!.low).toBeCloseTo(-1.627837, 4);
    expect(point!.estimate!.high).toBeCloseTo(-0.572163, 4);
    expect(point!.dip).toEqual({ belowNeutral: true, worseThanBefore: false, severity: expect.closeTo(1.1, 12), score: expect.closeTo(11, 10) });
    expect(point!.good).toBe(false);
  });

  it('is no dip when the mean is below neutral but the interval still reaches 0', () => {
    // Mean −0.2 with a wide spread over 10 answers: not significantly negative.
    const values = repeat([-2, 3], [-1, 2], [0, 1], [1, 2], [2, 2]);
    const [point] = buildHeartMonitor([touchpoint(1, 'twijfel')], byId([[1, moments(values)]]), undefined, MIN);
    expect(point!.estimate!.mean).toBeCloseTo(-0.2, 12);
    expect(point!.estimate!.low).toBeLessThan(0);
    expect(point!.estimate!.high).toBeGreaterThan(0);
    expect(point!.dip).toBeUndefined();
    expect(point!.good).toBe(false);
  });

  it('marks a dip when a touchpoint is significantly worse than in the previous period, although still above neutral', () => {
    const now = moments(repeat([1, 20], [0, 20])); // mean 0.5, interval above 0
    const before = moments(repeat([2, 30], [1, 10])); // mean 1.75
    const [point] = buildHeartMonitor([touchpoint(1, 'ophalen')], byId([[1, now]]), byId([[1, before]]), MIN);
    expect(point!.estimate!.mean).toBeCloseTo(0.5, 12);
    expect(point!.estimate!.low).toBeGreaterThan(0);
    expect(point!.previous!.mean).toBeCloseTo(1.75, 12);
    expect(point!.change!.difference).toBeCloseTo(-1.25, 12);
    expect(point!.change!.significant).toBe(true);
    expect(point!.dip).toEqual({ belowNeutral: false, worseThanBefore: true, severity: expect.closeTo(1.25, 12), score: expect.closeTo(50, 10) });
    expect(point!.trend).toBe('worse');
  });

  it('is no dip when the drop since the previous period is within the noise', () => {
    const now = moments(repeat([2, 5], [1, 3], [0, 2], [-1, 2])); // mean 0.917
    const before = moments(repeat([2, 6], [1, 3], [0, 2], [-1, 1])); // mean 1.167
    const [point] = buildHeartMonitor([touchpoint(1, 'stabiel')], byId([[1, now]]), byId([[1, before]]), MIN);
    expect(point!.change!.difference).toBeLessThan(0);
    expect(point!.change!.significant).toBe(false);
    expect(point!.dip).toBeUndefined();
    // Lower by eye, but not by the test: unchanged.
    expect(point!.trend).toBe('unchanged');
  });

  it('does not compare with a previous period that had fewer than the minimum group size', () => {
    const now = moments(repeat([0, 20], [1, 20]));
    const before = moments(repeat([2, 9])); // would be a significant drop, but 9 answers are not reported
    const [point] = buildHeartMonitor([touchpoint(1, 'nieuw')], byId([[1, now]]), byId([[1, before]]), MIN);
    expect(point!.previous).toBeUndefined();
    expect(point!.change).toBeUndefined();
    expect(point!.dip).toBeUndefined();
    expect(point!.trend).toBe('no-comparison');
  });

  it('shows a dip that improved as better: still below neutral, but significantly up on the previous period', () => {
    const now = moments(repeat([-1, 30], [0, 10])); // mean −0.75, interval below 0
    const before = moments(repeat([-2, 30], [-1, 10])); // mean −1.75
    const [point] = buildHeartMonitor([touchpoint(1, 'afspraak-maken')], byId([[1, now]]), byId([[1, before]]), MIN);
    expect(point!.dip).toMatchObject({ belowNeutral: true, worseThanBefore: false });
    expect(point!.change!.difference).toBeCloseTo(1, 12);
    expect(point!.trend).toBe('better');
    expect(trendOf(point!.change)).toBe('better');
    expect(trendOf(undefined)).toBe('no-comparison');
  });

  it('takes the larger of "below neutral" and "worse than before" as the severity', () => {
    const now = moments(repeat([-1, 20], [-2, 20])); // mean −1.5
    const before = moments(repeat([0, 20], [-1, 20])); // mean −0.5: a drop of 1.0
    const [point] = buildHeartMonitor([touchpoint(1, 'beide')], byId([[1, now]]), byId([[1, before]]), MIN);
    expect(point!.dip).toMatchObject({ belowNeutral: true, worseThanBefore: true });
    expect(point!.dip!.severity).toBeCloseTo(1.5, 12);
    expect(point!.dip!.score).toBeCloseTo(60, 10);
  });
});

describe('rankDips', () => {
  it('ranks by severity × reach: a milder dip felt by many comes before a sharper one felt by few', () => {
    const tps = [touchpoint(1, 'scherp-maar-weinig'), touchpoint(2, 'mild-maar-veel'), touchpoint(3, 'goed')];
    const current = byId([
      [1, moments(repeat([-2, 5], [-1, 5]))], // mean −1.5, n = 10 → score 15
      [2, moments(repeat([-1, 50], [0, 50]))], // mean −0.5, n = 100 → score 50
      [3, moments(repeat([2, 10], [1, 10]))],
    ]);
    const points = buildHeartMonitor(tps, current, undefined, MIN);
    const sharp = points[0]!;
    const mild = points[1]!;
    expect(sharp.dip!.severity).toBeGreaterThan(mild.dip!.severity);
    expect(sharp.dip!.score).toBeCloseTo(15, 10);
    expect(mild.dip!.score).toBeCloseTo(50, 10);

    const ranked = rankDips(points);
    expect(ranked.map((point) => point.touchpoint.slug)).toEqual(['mild-maar-veel', 'scherp-maar-weinig']);
  });

  it('with equal reach, the sharper dip comes first; no dips gives an empty list', () => {
    const tps = [touchpoint(1, 'licht'), touchpoint(2, 'zwaar')];
    const current = byId([
      [1, moments(repeat([-1, 15], [0, 5]))], // mean −0.75
      [2, moments(repeat([-2, 15], [-1, 5]))], // mean −1.75
    ]);
    expect(rankDips(buildHeartMonitor(tps, current, undefined, MIN)).map((point) => point.touchpoint.slug)).toEqual(['zwaar', 'licht']);
    expect(rankDips(buildHeartMonitor(tps, new Map(), undefined, MIN))).toEqual([]);
  });
});

describe('bestTouchpoints', () => {
  it('lists touchpoints significantly above neutral, best first, at most three by default', () => {
    const tps = ['a', 'b', 'c', 'd', 'e', 'f'].map((slug, i) => touchpoint(i + 1, slug));
    const current = byId([
      [1, moments(repeat([1, 10], [0, 10]))], // mean 0.5, significantly positive
      [2, moments(repeat([2, 15], [1, 5]))], // mean 1.75
      [3, moments(repeat([2, 3], [-2, 2], [0, 5]))], // mean 0.2, interval reaches 0: not "good"
      [4, moments(repeat([2, 10], [1, 10]))], // mean 1.5
      [5, moments(repeat([1, 20]))], // mean 1, zero-width interval
      [6, moments(repeat([2, 9]))], // too few to say
    ]);
    const points = buildHeartMonitor(tps, current, undefined, MIN);
    expect(points.filter((point) => point.good).map((point) => point.touchpoint.slug)).toEqual(['a', 'b', 'd', 'e']);
    expect(bestTouchpoints(points).map((point) => point.touchpoint.slug)).toEqual(['b', 'd', 'e']);
    expect(bestTouchpoints(points, 10).map((point) => point.touchpoint.slug)).toEqual(['b', 'd', 'e', 'a']);
    expect(bestTouchpoints(buildHeartMonitor(tps, new Map(), undefined, MIN))).toEqual([]);
  });
});

describe('scoresOverTime', () => {
  /** One day's sums from a list of [grade, effort] responses. */
  function day(dayString: string, responses: [grade: number, effort: number][]): { day: string } & ResponseSums {
    const sums = {
      day: dayString,
      n: responses.length,
      gradeSum: responses.reduce((sum, [grade]) => sum + grade, 0),
      gradeSumSquares: responses.reduce((sum, [grade]) => sum + grade * grade, 0),
      gradeAtLeastSeven: responses.filter(([grade]) => grade >= 7).length,
      effortSum: responses.reduce((sum, [, effort]) => sum + effort, 0),
      effortSumSquares: responses.reduce((sum, [, effort]) => sum + effort * effort, 0),
      // The feeling pooled over each response's answers (one "+1" per response here).
      feelingN: responses.length,
      feelingSum: responses.length,
      feelingSumSquares: responses.length,
    };
    return sums as { day: string } & ResponseSums;
  }
  const times = (count: number, grade: number, effort: number) => Array.from({ length: count }, (): [number, number] => [grade, effort]);

  // 2026 starts on a Thursday, so it has an ISO week 53 that runs into January 2027.
  const days = [
    day('2026-12-27', times(4, 6, 3)), // Sunday: 2026-W52
    day('2026-12-28', times(6, 8, 5)), // Monday: 2026-W53
    day('2026-12-31', times(3, 9, 6)), // Thursday: 2026-W53
    day('2027-01-01', times(2, 5, 2)), // Friday: still 2026-W53, but month 2027-01
    day('2027-01-03', times(5, 7, 4)), // Sunday: 2026-W53
    day('2027-01-04', times(10, 4, 2)), // Monday: 2027-W01
  ];

  it('groups days into ISO weeks, across the turn of the year, in order', () => {
    const weeks = scoresOverTime([...days].reverse(), 'week', MIN);
    expect(weeks.map((week) => [week.period, week.n])).toEqual([
      ['2026-W52', 4],
      ['2026-W53', 16],
      ['2027-W01', 10],
    ]);
    const w53 = weeks[1]!;
    // 6×8 + 3×9 + 2×5 + 5×7 = 120 over 16 responses; 14 of them 7 or higher.
    expect(w53.grade!.mean).toBeCloseTo(120 / 16, 12);
    expect(w53.gradeAtLeastSeven).toMatchObject({ n: 16, successes: 14, rate: 14 / 16 });
    expect(w53.effort!.mean).toBeCloseTo((6 * 5 + 3 * 6 + 2 * 2 + 5 * 4) / 16, 12);
    expect(weeks[2]!.grade!.mean).toBe(4);
    expect(weeks[2]!.gradeAtLeastSeven!.rate).toBe(0);
  });

  it('groups days into calendar months', () => {
    const months = scoresOverTime(days, 'maand', MIN);
    expect(months.map((month) => [month.period, month.n])).toEqual([
      ['2026-12', 13],
      ['2027-01', 17],
    ]);
    expect(months[0]!.grade!.mean).toBeCloseTo((4 * 6 + 6 * 8 + 3 * 9) / 13, 12);
    expect(months[1]!.grade!.mean).toBeCloseTo((2 * 5 + 5 * 7 + 10 * 4) / 17, 12);
  });

  it('shows only the count for a period below the minimum group size, and the estimates from exactly the minimum', () => {
    const weeks = scoresOverTime(days, 'week', MIN);
    expect(weeks[0]).toEqual({ period: '2026-W52', n: 4 });
    expect(weeks[2]!.n).toBe(MIN);
    expect(weeks[2]!.grade).toBeDefined();
    expect(weeks[2]!.effort).toBeDefined();
    // With a higher minimum, the 16-response week is hidden too.
    expect(scoresOverTime(days, 'week', 17).every((week) => week.grade === undefined && week.effort === undefined)).toBe(true);
    expect(scoresOverTime([], 'maand', MIN)).toEqual([]);
  });

  it('adds all days up for the whole period', () => {
    expect(totalScores(days)).toMatchObject({ n: 30, gradeAtLeastSeven: 14 });
    expect(totalScores(days).gradeSum).toBe(4 * 6 + 6 * 8 + 3 * 9 + 2 * 5 + 5 * 7 + 10 * 4);
  });
});

describe('leadBandOf', () => {
  it.each([
    [0, '0-7'],
    [3.5, '0-7'],
    [7, '0-7'],
    [7.01, '8-14'],
    [14, '8-14'],
    [14.5, '15-30'],
    [30, '15-30'],
    [31, '31-60'],
    [60, '31-60'],
    [60.25, '61+'],
    [400, '61+'],
    [null, 'onbekend'],
    [-1, 'onbekend'],
    [Number.NaN, 'onbekend'],
    [Number.POSITIVE_INFINITY, 'onbekend'],
  ] as const)('%s days → %s', (days, band) => {
    expect(leadBandOf(days)).toBe(band);
  });
});

describe('dashboardCsv', () => {
  const today = new Date('2026-11-20T15:00:00Z');

  function csvData(overrides: { journeyName?: string; segment?: string; compare?: boolean } = {}): DashboardData {
    const filters = resolveFilters({ periode: '30', segment: overrides.segment ?? '' }, today);
    const tps = [touchpoint(1, 'afspraak-maken', 1, { name: 'Afspraak maken' }), touchpoint(2, 'balie', 2, { name: '+ Balie; "loket"' })];
    const points = buildHeartMonitor(
      tps,
      byId([
        [1, moments(repeat([-1, 6], [0, 4]))], // mean −0.6, n = 10: shown
        [2, moments(repeat([2, 9]))], // n = 9: count only
      ]),
      undefined,
      MIN,
    );
    const scores = scoresOverTime(
      [
        { day: '2026-11-02', n: 12, gradeSum: 90, gradeSumSquares: 690, gradeAtLeastSeven: 9, effortSum: 60, effortSumSquares: 310, feelingN: 0, feelingSum: 0, feelingSumSquares: 0 },
        { day: '2026-11-16', n: 3, gradeSum: 24, gradeSumSquares: 194, gradeAtLeastSeven: 3, effortSum: 15, effortSumSquares: 77, feelingN: 0, feelingSum: 0, feelingSumSquares: 0 },
      ] as ({ day: string } & ResponseSums)[],
      'week',
      MIN,
    );
    return {
      journeys: [],
      journey: { id: 1, slug: 'test', name: overrides.journeyName ?? 'Paspoort aanvragen' } as Journey,
      filters,
      dimensions: { segments: new Map(), channels: [] },
      points,
      dips: [],
      goodNews: [],
      segmentGaps: { tested: 0, gaps: [] },
      comparison: overrides.compare
        ? {
            key: '@wijk',
            lines: [{ value: 'Noord', n: 10, points }],
            hidden: 1,
          }
        : undefined,
      scores,
      totals: { n: 15 },
      rate: { invited: 40, sent: 40, answered: 15, expired: 20, undeliverable: 3, optedOut: 1, suppressed: 2 },
      process: [{ band: '0-7', n: 10, responses: 12, feeling: meanEstimate({ n: 10, sum: -6, sumSquares: 6 }), grade: undefined }],
      minGroupSize: MIN,
      targetGrade: 7,
    };
  }

  const parse = (csv: string) => csv.replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n');

  it('is UTF-8 with a byte-order mark, semicolon-separated, CRLF line ends, with decimal commas', () => {
    const csv = dashboardCsv(csvData());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.charCodeAt(1)).not.toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = parse(csv);
    expect(lines.every((line) => !/(^|[^\r])\n/.test(line))).toBe(true);
    expect(lines[0]).toBe('onderdeel;klantreis;van;tot;groep;stap;n;gemiddelde;interval_laag;interval_hoog;aandeel_7_of_hoger');
    const header = lines[0]!.split(';');

    const first = lines[1]!.split(';');
    expect(first).toHaveLength(header.length);
    expect(first.slice(0, 7)).toEqual(['hartmonitor', 'Paspoort aanvragen', '2026-10-22', '2026-11-20', 'alle inwoners', 'Afspraak maken', '10']);
    // Mean −0,6 with three decimals and a comma; the interval bounds likewise.
    expect(first[7]).toBe('-0,600');
    expect(first[8]).toMatch(/^-\d,\d{3}$/);
    expect(first[9]).toMatch(/^-?\d,\d{3}$/);
    expect(Number(first[8]!.replace(',', '.'))).toBeLessThan(-0.6);
    expect(Number(first[9]!.replace(',', '.'))).toBeGreaterThan(-0.6);
    expect(csv).not.toMatch(/\d\.\d{3}(;|\r)/); // no decimal points anywhere

    const grade = lines.find((line) => line.startsWith('rapportcijfer;') && line.includes(';2026-W45;'))!.split(';');
    expect(grade[6]).toBe('12');
    expect(grade[7]).toBe('7,500');
    expect(grade[10]).toBe('0,750');
  });

  it('gives groups below the minimum size only their count, never a mean', () => {
    const lines = parse(dashboardCsv(csvData()));
    // The touchpoint with n = 9: quoted because its name holds a semicolon and quotes, defused because it starts with "+".
    const balie = lines.find((line) => line.startsWith('hartmonitor;') && line.includes('Balie'))!;
    expect(balie).toBe('hartmonitor;Paspoort aanvragen;2026-10-22;2026-11-20;alle inwoners;"\'+ Balie; ""loket""";9;;;;');
    const smallWeek = lines.find((line) => line.startsWith('rapportcijfer;') && line.includes(';2026-W47;'))!;
    expect(smallWeek).toBe('rapportcijfer;Paspoort aanvragen;2026-10-22;2026-11-20;alle inwoners;2026-W47;3;;;;');
    expect(lines.find((line) => line.startsWith('moeite;') && line.includes(';2026-W47;'))).toBe(
      'moeite;Paspoort aanvragen;2026-10-22;2026-11-20;alle inwoners;2026-W47;3;;;;',
    );
    expect(lines.find((line) => line.startsWith('doorlooptijd-cijfer;'))).toBe('doorlooptijd-cijfer;Paspoort aanvragen;2026-10-22;2026-11-20;alle inwoners;0-7;12;;;;');
    expect(lines.find((line) => line.startsWith('doorlooptijd-gevoel;'))).toMatch(/;0-7;10;-0,600;-\d,\d{3};-?\d,\d{3};$/);
    expect(lines.filter((line) => line.startsWith('respons;')).map((line) => line.split(';').slice(5, 7))).toEqual([
      ['invited', '40'],
      ['sent', '40'],
      ['answered', '15'],
      ['expired', '20'],
      ['undeliverable', '3'],
      ['optedOut', '1'],
      ['suppressed', '2'],
    ]);
  });

  it('defuses journey, segment and group texts that a spreadsheet would run as a formula', () => {
    const csv = dashboardCsv(csvData({ journeyName: '=HYPERLINK("http://evil.test";"klik")', segment: '=cmd|calc:x', compare: true }));
    const lines = parse(csv);
    const row = lines[1]!;
    expect(row.startsWith('hartmonitor;"\'=HYPERLINK(""http://evil.test"";""klik"")";')).toBe(true);
    expect(row).toContain(";'=cmd|calc=x;");
    const comparison = lines.find((line) => line.startsWith('vergelijking;'))!;
    expect(comparison).toContain(";'@wijk=Noord;");
    // No cell anywhere starts with a formula character unless it is a plain number.
    for (const line of lines) {
      for (const cell of line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, '').replace(/^"|"$/g, ''))) {
        if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `cell ${cell} in ${line}`).toMatch(/^-\d,\d{3}$/);
      }
    }
  });
});
