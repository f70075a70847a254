import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from '../src/mail/retry';
import { addressHash, generateToken, hashToken, normaliseAddress } from '../src/tokens';

describe('tokens', () => {
  it('are long, URL-safe and unique; only their hash is meant to be stored', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [token] = tokens;
    expect(hashToken(token!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token!)).not.toContain(token!);
  });

  it('hash addresses with a key, after normalising them', () => {
    expect(normaliseAddress('  Jan@Example.NL ')).toBe('jan@example.nl');
    expect(addressHash('key-one', 'Jan@Example.nl')).toBe(addressHash('key-one', ' jan@example.nl'));
    expect(addressHash('key-one', 'jan@example.nl')).not.toBe(addressHash('key-two', 'jan@example.nl'));
    expect(addressHash('key-one', 'jan@example.nl')).not.toBe(hashToken('jan@example.nl'));
  });
});

describe('mail retry schedule', () => {
  it('doubles from 30 seconds and is capped at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(MAX_MAIL_ATTEMPTS)).toBe(3_600_000);
    expect(retryDelayMs(50)).toBe(3_600_000);
  });
});

describe('configuration', () => {
  it('uses the defaults from DESIGN.md', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: './data/meethuis.db',
      PUBLIC_URL: 'http://localhost:3000',
      FATIGUE_DAYS: 90,
      INVITATION_EXPIRY_DAYS: 30,
      REMINDER_AFTER_DAYS: 5,
    });
    // No SMTP server configured means the embedded mailbox.
    expect(config.SMTP_URL).toBeUndefined();
    expect(loadConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://feedback.voorbeeld.nl/' }).PUBLIC_URL).toBe('https://feedback.voorbeeld.nl');
  });

  it('names every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'abc', SMTP_URL: 'http://mail', FATIGUE_DAYS: '-3' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', SMTP_URL: 'http://mail', FATIGUE_DAYS: '-3' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/SMTP_URL/);
      expect((error as Error).message).toMatch(/FATIGUE_DAYS/);
    }
  });
});

describe('calendar days (Europe/Amsterdam)', async () => {
  const { dayOf, shiftDay, daysInclusive, isoWeekOf, dayRangeInstants } = await import('../src/calendar');
  it('assigns instants to the Dutch day and counts days across daylight saving', () => {
    expect(dayOf(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-22');
    expect(dayOf(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysInclusive('2026-03-01', '2026-03-31')).toBe(31);
    const { start, end } = dayRangeInstants('2026-03-29', '2026-03-29');
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });

  it('gives the same day as formatting each instant anew, every 7 minutes through two years with their clock changes, in and out of order', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
    const start = Date.UTC(2026, 0, 1);
    const instants: number[] = [];
    for (let at = start; at < start + 2 * 366 * 86_400_000; at += 7 * 60_000) instants.push(at);
    // In order (the kept hour is reused), and shuffled the same way every run (it is not).
    const shuffled = instants.map((at, i) => instants[(i * 7919) % instants.length]!);
    for (const at of [...instants, ...shuffled]) expect(dayOf(new Date(at))).toBe(format.format(new Date(at)));
    // Before 1970 (no hour kept) and an invalid date (refused as before).
    expect(dayOf(new Date('1969-07-20T23:30:00Z'))).toBe('1969-07-21');
    expect(() => dayOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('names ISO weeks', () => {
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('gives the days of a week (Monday to Sunday) and of a month; every day of the week lies in that week', async () => {
    const { daysOfPeriod } = await import('../src/calendar');
    expect(daysOfPeriod('2026-W36')).toEqual({ from: '2026-08-31', to: '2026-09-06' });
    expect(daysOfPeriod('2025-W01')).toEqual({ from: '2024-12-30', to: '2025-01-05' });
    expect(daysOfPeriod('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    for (const week of ['2026-W01', '2026-W36', '2026-W53', '2027-W01']) {
      const { from } = daysOfPeriod(week);
      for (let i = 0; i < 7; i++) expect(isoWeekOf(shiftDay(from, i))).toBe(week);
    }
    expect(daysOfPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(daysOfPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('Dutch formats for charts and effects', async () => {
  const { formatDayRange, formatNumber, formatPeriod, formatPeriods } = await import('../src/texts');
  it('names periods "week 36" (with the year when the weeks span years) and "sep 2026"', () => {
    expect(formatPeriod('2026-W36')).toBe('week 36');
    expect(formatPeriod('2026-W01', true)).toBe('week 1 (2026)');
    expect(formatPeriod('2026-09')).toBe('sep 2026');
    expect(formatPeriod('2026-03')).toBe('mrt 2026');
    // A list of keys: the year on every label only when they span more than one.
    expect(formatPeriods(['2026-W35', '2026-W36'])).toEqual(['week 35', 'week 36']);
    expect(formatPeriods(['2026-W53', '2027-W01'])).toEqual(['week 53 (2026)', 'week 1 (2027)']);
  });

  it('writes days and ranges short, with plain spaces, and thousands with a dot', () => {
    expect(formatDayRange('2026-09-06', '2026-09-06')).toBe('6 sep 2026');
    expect(formatDayRange('2026-07-12', '2026-09-05')).toBe('12 jul – 5 sep 2026');
    expect(formatDayRange('2025-12-29', '2026-01-04')).toBe('29 dec 2025 – 4 jan 2026');
    expect(formatNumber(29502, 0)).toBe('29.502');
  });
});

describe('Message-IDs', async () => {
  const { messageIdFor } = await import('../src/invitations/invitations');
  it('are unique, on the sender’s domain, and later ones carry a later or equal time first (the outbox index grows at its end)', () => {
    const ids = Array.from({ length: 2000 }, () => messageIdFor('Gemeente <noreply@gemeente.example>'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@gemeente\.example>$/);
    // Ordered by their time part (to the millisecond; within one, in any order).
    const times = ids.map((id) => id.slice(1, 14));
    expect([...times].sort()).toEqual(times);
    expect(messageIdFor('geen adres')).toMatch(/@meethuis\.localhost>$/);
  });
});

describe('secure random bytes from the pool', async () => {
  const { secureRandomBytes, generateToken } = await import('../src/tokens');
  it('never hands out the same bytes twice, across refills, and gives tokens of 43 URL-safe characters', () => {
    const seen = new Set<string>();
    // 3,000 × 16 bytes: the 4 KiB pool is refilled a dozen times.
    for (let i = 0; i < 3000; i++) seen.add(secureRandomBytes(16).toString('hex'));
    expect(seen.size).toBe(3000);
    const taken = secureRandomBytes(16);
    const copy = Buffer.from(taken);
    secureRandomBytes(4096);
    expect(taken).toEqual(copy);
    const tokens = new Set(Array.from({ length: 500 }, () => generateToken()));
    expect(tokens.size).toBe(500);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
