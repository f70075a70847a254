import { describe, expect, it } from 'vitest';
import { customPeriod, digestPageRequest, lastCompletePeriod, periodContaining } from '../../src/digest/periods';

describe('digest periods (Amsterdam calendar days)', () => {
  it('the last complete month, with the month before it and the month after for actions due', () => {
    expect(lastCompletePeriod('month', '2026-11-20')).toEqual({
      kind: 'month', key: '2026-10', from: '2026-10-01', to: '2026-10-31', previousFrom: '2026-09-01', previousTo: '2026-09-30', comingTo: '2026-11-30',
    });
    // On the first day of a month the month before is complete; across a year end and February.
    expect(lastCompletePeriod('month', '2027-01-01')).toMatchObject({ key: '2026-12', from: '2026-12-01', to: '2026-12-31', previousFrom: '2026-11-01', comingTo: '2027-01-31' });
    expect(lastCompletePeriod('month', '2028-03-31')).toMatchObject({ key: '2028-02', to: '2028-02-29', previousFrom: '2028-01-01', previousTo: '2028-01-31', comingTo: '2028-03-31' });
  });

  it('the last complete ISO week, Monday to Sunday', () => {
    // Friday 20 November 2026 is in week 47: week 46 is the last complete one.
    expect(lastCompletePeriod('week', '2026-11-20')).toEqual({
      kind: 'week', key: '2026-W46', from: '2026-11-09', to: '2026-11-15', previousFrom: '2026-11-02', previousTo: '2026-11-08', comingTo: '2026-11-22',
    });
    expect(lastCompletePeriod('week', '2026-11-16')).toMatchObject({ key: '2026-W46', from: '2026-11-09' });
    expect(lastCompletePeriod('week', '2026-11-15')).toMatchObject({ key: '2026-W45', from: '2026-11-02', to: '2026-11-08' });
    // ISO week 53 of 2026 runs into 2027; week 1 of 2027 starts on 4 January.
    expect(lastCompletePeriod('week', '2027-01-04')).toMatchObject({ key: '2026-W53', from: '2026-12-28', to: '2027-01-03' });
    expect(lastCompletePeriod('week', '2027-01-11')).toMatchObject({ key: '2027-W01', from: '2027-01-04' });
  });

  it('the month or week holding a day, and any other period', () => {
    expect(periodContaining('month', '2026-10-17')).toMatchObject({ key: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    expect(periodContaining('week', '2026-11-11')).toMatchObject({ key: '2026-W46', from: '2026-11-09' });
    expect(customPeriod({ from: '2026-11-01', to: '2026-11-10', previousFrom: '2026-10-22', previousTo: '2026-10-31' })).toMatchObject({ kind: 'custom', key: '2026-11-01..2026-11-10', comingTo: '2026-11-20' });
  });

  it('reads the page request: month by default, week, a stable link, the dashboard period', () => {
    const now = new Date('2026-11-20T15:00:00Z');
    expect(digestPageRequest({}, now)).toMatchObject({ over: 'maand', period: { key: '2026-10' } });
    expect(digestPageRequest({ over: 'week' }, now)).toMatchObject({ over: 'week', period: { key: '2026-W46' } });
    expect(digestPageRequest({ over: 'maand', begin: '2026-03-31' }, now)).toMatchObject({ period: { key: '2026-03' } });
    // Unknown values fall back; a period not yet complete gives the last complete one.
    expect(digestPageRequest({ over: 'jaar', begin: 'gisteren' }, now)).toMatchObject({ over: 'maand', period: { key: '2026-10' } });
    expect(digestPageRequest({ over: 'week', begin: '2026-11-18' }, now)).toMatchObject({ period: { key: '2026-W46' } });
    expect(digestPageRequest({ periode: '30' }, now)).toMatchObject({ over: 'periode', period: { key: '2026-10-22..2026-11-20', previousFrom: '2026-09-22' } });
    const wrong = digestPageRequest({ over: 'periode', periode: 'eigen', van: '2026-11-10', tot: '2026-11-01' }, now);
    expect(Object.keys(wrong.filters.errors)).toEqual(['tot']);
  });
});
