/** src/http/params.ts: the one place routes take raw request values apart. */
import { describe, expect, it } from 'vitest';
import { dayParam, idParam, str } from '../../src/http/params';

describe('request parameters', () => {
  it('str keeps text and turns anything else into an empty string', () => {
    expect(str('abc')).toBe('abc');
    expect(str(undefined)).toBe('');
    expect(str(['a', 'b'])).toBe('');
    expect(str(new File(['x'], 'x.csv'))).toBe('');
  });

  it('idParam accepts digits only', () => {
    expect(idParam('42')).toBe(42);
    expect(idParam('0')).toBe(0);
    for (const bad of [undefined, '', '-1', '1.5', '1e3', ' 7', '0x10', 'abc', '1234567890123']) expect(idParam(bad), String(bad)).toBeUndefined();
  });

  it('dayParam reads YYYY-MM-DD as midnight UTC', () => {
    expect(dayParam('2026-03-01')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    for (const bad of [undefined, '', '1-3-2026', '2026-3-1']) expect(dayParam(bad), String(bad)).toBeUndefined();
  });
});
