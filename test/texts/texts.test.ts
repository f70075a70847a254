import { describe, expect, it } from 'vitest';
import { labelOf, nl } from '../../src/texts';

describe('labelOf', () => {
  const labels = { 'opted-out': 'het adres is afgemeld', 'recently-invited': 'het adres is kort geleden al uitgenodigd' };

  it('finds the label of a key known only at run time', () => {
    const stored: string = 'opted-out';
    expect(labelOf(labels, stored)).toBe('het adres is afgemeld');
    expect(labelOf(nl.admin.auditLog.actionLabels, 'logout')).toBe('Uitgelogd');
  });

  it('has no label for an unknown or missing key, nor for what every object inherits', () => {
    expect(labelOf(labels, 'something-new')).toBeUndefined();
    expect(labelOf(labels, null)).toBeUndefined();
    expect(labelOf(labels, undefined)).toBeUndefined();
    expect(labelOf(labels, 'toString')).toBeUndefined();
    expect(labelOf(labels, 'constructor')).toBeUndefined();
    expect(labelOf(labels, '__proto__')).toBeUndefined();
  });
});
