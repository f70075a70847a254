/**
 * Masks personal data that citizens type into open text: e-mail addresses, phone numbers,
 * IBANs and BSN-like numbers that pass the eleven-test. Applied before text is stored or shown.
 */

export const MASKS = {
  email: '[e-mailadres]',
  phone: '[telefoonnummer]',
  iban: '[IBAN]',
  bsn: '[BSN]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// NL IBAN (NL + 2 check digits + 4 letters + 10 digits) and other countries' in groups of four.
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi;
// Dutch phone numbers: 06-12345678, 020 123 4567, +31 6 12345678, 0031 20 1234567 …
const PHONE = /(?<![\p{N}])(?:(?:\+|00)\s?31[\s-]?(?:\(0\)[\s-]?)?|0)(?:[1-9][\s-]?(?:\d[\s-]?){7}\d)(?![\p{N}])/gu;
const NINE_DIGITS = /(?<![\p{N}])\d(?:[ .-]?\d){7,8}(?![\p{N}])/gu;

/** The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (and not all zeros). */
export function passesElevenTest(digits: string): boolean {
  const padded = digits.length === 8 ? `0${digits}` : digits;
  if (!/^\d{9}$/.test(padded) || /^0+$/.test(padded)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(padded[i]) * (9 - i);
  sum -= Number(padded[8]);
  return sum % 11 === 0;
}

function validIban(candidate: string): boolean {
  const compact = candidate.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, MASKS.email)
    .replace(IBAN, (match) => (validIban(match) ? MASKS.iban : match))
    .replace(PHONE, MASKS.phone)
    .replace(NINE_DIGITS, (match) => (passesElevenTest(match.replace(/\D/g, '')) ? MASKS.bsn : match));
}
