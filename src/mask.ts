/**
 * Masks personal data that citizens type into open text: e-mail addresses, phone numbers,
 * IBANs and BSN-like numbers that pass the eleven-test. Applied before text is stored, and
 * again before it is shown (text stored by an older version is masked too).
 *
 * Tuned against near misses that must stay readable: dates ("20-11-2026", "01-02-2024 10:30"),
 * times, amounts ("€ 123.456.782", "1.234.567,89"), postcodes ("5611 AB"), case references
 * ("Z-2026-000123"), numbers failing the eleven-test or the IBAN check, and service numbers
 * (0800-, 0900-, 14 0xx) that belong to organisations, not to people.
 */

export const MASKS = {
  email: '[e-mailadres]',
  phone: '[telefoonnummer]',
  iban: '[IBAN]',
  bsn: '[BSN]',
} as const;

// name@domain.tld, and the usual disguises: "name(at)domain.nl", "name [at] domain.nl".
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|\s?[([]at[)\]]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
// IBAN: two letters, two check digits, then 11–30 letters/digits, optionally in groups of four.
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi;
// Dutch numbers: ten digits from the leading 0 (06-12345678, 020 123 4567, (020) 123 45 67,
// 06.12.34.56.78), or +31 / 0031 with the 0 left out or written "(0)".
const NL_PHONE =
  /(?<![\p{N}\p{L}])(?:(?:\+|00)\s?31[\s.-]?(?:\(0\)[\s.-]?)?\(?|\(?0)[1-9](?:\)?[\s.-]?\d){8}(?![\p{N}])/gu;
// Other countries: +CC and eight to twelve more digits in any grouping (+32 470 12 34 56).
const INTERNATIONAL_PHONE = /(?<![\p{N}\p{L}])(?:\+|00)(?!31)[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){7,11}(?![\p{N}])/gu;
// BSN: nine digits, contiguous or in the groupings people use (123 456 789, 123.456.789,
// 1234.56.789); eight contiguous digits only right after the word BSN (a dropped leading zero).
const BSN_NINE = /(?<![\p{N}.,-])(?:\d{9}|\d{3}([ .-])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})(?![\p{N}]|[.,]\d)/gu;
const BSN_EIGHT = /((?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b[^\p{N}\n]{0,20})(\d{8})(?![\p{N}]|[.,]\d)/giu;
// A date at the start of a phone-like run ("01-02-2024 10:30"), or a time after it; not a
// number grouped the same way all along ("06.12.34.56.78").
const DATE_START = /^\(?\d{1,2}([-./])\d{1,2}\1(?:\d{4}|\d{2})(?!\1|\d)/;
// Money just before a number: "€ 123.456.782", "EUR 111222333", "bedrag van 123456782".
const MONEY_BEFORE = /(?:€|eur|euro|bedrag(?: van)?)\s*$/i;

/** The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (and not all zeros). */
export function passesElevenTest(digits: string): boolean {
  const padded = digits.length === 8 ? `0${digits}` : digits;
  if (!/^\d{9}$/.test(padded) || /^0+$/.test(padded)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(padded[i]) * (9 - i);
  sum -= Number(padded[8]);
  return sum % 11 === 0;
}

/** ISO 13616: the rearranged number, letters as 10–35, is 1 modulo 97. */
export function isValidIban(candidate: string): boolean {
  const compact = candidate.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

const precededByMoney = (text: string, offset: number) => MONEY_BEFORE.test(text.slice(Math.max(0, offset - 16), offset));
const followedByTime = (text: string, end: number) => /^[:.]\d{2}\b/.test(text.slice(end, end + 4));

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, MASKS.email)
    .replace(IBAN, (match) => (isValidIban(match) ? MASKS.iban : match))
    .replace(NL_PHONE, (match, offset: number, whole: string) =>
      DATE_START.test(match) || followedByTime(whole, offset + match.length) ? match : MASKS.phone,
    )
    .replace(INTERNATIONAL_PHONE, MASKS.phone)
    .replace(BSN_NINE, (match, _a, _b, offset: number, whole: string) =>
      passesElevenTest(match.replace(/\D/g, '')) && !precededByMoney(whole, offset) ? MASKS.bsn : match,
    )
    .replace(BSN_EIGHT, (match, before: string, digits: string) => (passesElevenTest(digits) ? `${before}${MASKS.bsn}` : match));
}

/** Comments to show staff: masked, and each text once (the same complaint twice adds nothing to read), at most `limit`. */
export function maskedComments<T extends { comment: string }>(comments: T[], limit: number): T[] {
  const seen = new Set<string>();
  return comments
    .map((comment) => ({ ...comment, comment: maskPersonalData(comment.comment) }))
    .filter((comment) => !seen.has(comment.comment) && seen.add(comment.comment))
    .slice(0, limit);
}
