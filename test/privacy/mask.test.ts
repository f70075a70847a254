/**
 * The masker of open text, on a table of realistic inputs: what citizens really type (phone
 * numbers in every Dutch notation, disguised e-mail addresses, BSNs and IBANs with and without
 * spaces) must be masked; near misses (dates, times, amounts, postcodes, case references,
 * service numbers, nine digits failing the eleven-test, IBANs failing mod-97) must stay as typed.
 */
import { describe, expect, it } from 'vitest';
import { isValidIban, MASKS, maskPersonalData, passesElevenTest } from '../../src/mask';

const { email: E, phone: P, iban: I, bsn: B } = MASKS;

const masked: [string, string][] = [
  // e-mail addresses
  ['Mail mij op jan.de.vries@example.nl graag', `Mail mij op ${E} graag`],
  ['A.B+feedback@Sub.Example.COM.', `${E}.`],
  ['mijn adres: piet-jan_2@gemeente-voorbeeld.nl)', `mijn adres: ${E})`],
  ['jan(at)example.nl', E],
  ['jan [at] example.nl', E],
  ['zoë@bücher.de', E],
  // Dutch phone numbers
  ['bel 06-12345678', `bel ${P}`],
  ['bel 0612345678.', `bel ${P}.`],
  ['06 1234 5678', P],
  ['06 12 34 56 78', P],
  ['06.12.34.56.78', P],
  ['06-12 34 56 78', P],
  ['020 123 4567', P],
  ['020-1234567', P],
  ['(020) 123 45 67', P],
  ['0401234567', P],
  ['+31 6 1234 5678', P],
  ['+31612345678', P],
  ['+31 (0)6-12345678', P],
  ['+31(0)20 123 4567', P],
  ['0031 20 1234567', P],
  ['0031612345678', P],
  ['Om 14:30 belde ik 0612345678', `Om 14:30 belde ik ${P}`],
  // other countries
  ['+32 470 12 34 56', P],
  ['0049 30 1234567', P],
  ['+44 20 7946 0958', P],
  // BSN (eleven-test)
  ['Mijn BSN is 111222333.', `Mijn BSN is ${B}.`],
  ['bsn 123456782', `bsn ${B}`],
  ['123.456.782', B],
  ['123 456 782', B],
  ['123-456-782', B],
  ['1234.56.782', B],
  ['BSN: 10000008', `BSN: ${B}`],
  ['burgerservicenummer 10000008', `burgerservicenummer ${B}`],
  // IBAN (mod-97)
  ['rekening NL91 ABNA 0417 1643 00', `rekening ${I}`],
  ['NL91ABNA0417164300', I],
  ['nl91abna0417164300', I],
  ['NL20INGB0001234567', I],
  ['BE68 5390 0754 7034', I],
  ['DE89 3704 0044 0532 0130 00', I],
  ['GB82WEST12345698765432', I],
  // several in one text
  [
    'Bel 06-12345678 of mail jan@example.nl; BSN 111222333, IBAN NL91 ABNA 0417 1643 00.',
    `Bel ${P} of mail ${E}; BSN ${B}, IBAN ${I}.`,
  ],
];

const untouched: string[] = [
  // nine digits that fail the eleven-test
  '123456789',
  'nummer 234567891',
  '987 654 321',
  // dates and times
  'Op 20-11-2026 om 10:30',
  'afspraak 01-02-2024 10:30',
  '01.02.24 om 9 uur',
  '1-2-2024',
  'datum 2026-11-20',
  '20112026',
  'van 09:00 tot 17:30',
  // amounts
  'Bedrag € 123.456.782',
  'EUR 111222333',
  'bedrag van 123456782',
  '1.234.567,89',
  '123456782,50 euro',
  '€ 1.250,-',
  // postcodes and addresses
  'Postcode 5611 AB',
  '1012AB Amsterdam',
  'Stationsplein 12, 5611 AC Eindhoven',
  // case and other references
  'zaak Z-2026-000123',
  'kenmerk Z-111222333',
  'ticket #123456789',
  'referentie 2026/000123',
  // service numbers of organisations
  '0800-1234',
  '0800 0230',
  '0900-1234567',
  '14 040',
  // IBAN-shaped but failing mod-97
  'NL91ABNA0417164301',
  'NL02RABO0123456789',
  // eight digits that pass with a leading zero, but not after the word BSN
  'ordernummer 10000008',
  // e-mail-like but no domain
  'jan@example',
  'ik was @ het stadhuis',
  // ordinary text
  'Ik wachtte 45 minuten, 2 keer gebeld, huisnummer 12.',
  '3 van de 10 keer',
];

describe('maskPersonalData on realistic inputs', () => {
  it.each(masked)('masks %j', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each(untouched.map((input) => [input]))('leaves %j as typed', (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });

  it('is idempotent: masking masked text changes nothing', () => {
    for (const [, expected] of masked) expect(maskPersonalData(expected)).toBe(expected);
  });
});

describe('the checks behind the masker', () => {
  it('knows the eleven-test (9 digits; 8 with a leading zero added)', () => {
    expect(passesElevenTest('111222333')).toBe(true);
    expect(passesElevenTest('123456782')).toBe(true);
    expect(passesElevenTest('10000008')).toBe(true);
    expect(passesElevenTest('123456789')).toBe(false);
    expect(passesElevenTest('000000000')).toBe(false);
    expect(passesElevenTest('1234567')).toBe(false);
    expect(passesElevenTest('12345678a')).toBe(false);
  });

  it('knows the IBAN check (ISO 13616 mod-97)', () => {
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(isValidIban('NL91')).toBe(false);
    expect(isValidIban('XX00')).toBe(false);
  });
});
