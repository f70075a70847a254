/**
 * Messages of the appointment-file import (Dutch: they are shown to the admin who uploads the
 * file, and printed by the CLI). Row numbers are the line numbers in the file.
 */

/** The required columns by their Dutch names, in the order the format describes them. */
const requiredColumnList = 'referentie, product, locatie, kanaal, geboekt_op, start, status';

export const csvImportMessages = {
  emptyFile: 'Het bestand is leeg.',
  notUtf8: 'Het bestand is geen UTF-8-tekst. Sla het op als "CSV UTF-8 (door komma’s gescheiden)".',
  noRows: 'Het bestand heeft een kopregel maar geen afspraken.',
  unterminatedQuote: (line: number) => `Het aanhalingsteken aan het begin van een waarde op regel ${line} wordt nergens afgesloten.`,
  missingColumns: (columns: string[]) =>
    `De kopregel mist ${columns.length === 1 ? 'de kolom' : 'de kolommen'} ${columns.join(', ')}. De eerste regel moet de kolomnamen bevatten: ${requiredColumnList}.`,
  unknownColumn: (column: string) =>
    `Onbekende kolom "${column}" in de kopregel. Gebruik de kolomnamen uit de beschrijving, of laat de naam beginnen met segment_ voor een segment.`,
  duplicateColumn: (column: string) => `De kolom "${column}" staat meer dan eens in de kopregel.`,
  badSegmentColumn: (column: string) => `De kolomnaam "${column}" is geen geldig segment: gebruik segment_ gevolgd door letters, cijfers of _.`,
  tooManySegments: (max: number) => `Er zijn meer dan ${max} segmentkolommen.`,
  missingReference: 'De referentie ontbreekt.',
  missingProduct: 'Het product ontbreekt.',
  missingBookedAt: 'Het moment van boeken ontbreekt.',
  missingStartsAt: 'De start van de afspraak ontbreekt.',
  missingStatus: 'De status ontbreekt.',
  tooLong: (max: number) => `Deze waarde is te lang: maximaal ${max} tekens.`,
  unknownStatus: (value: string) => `Onbekende status "${value}". Gebruik geboekt, verschenen, niet_verschenen of geannuleerd.`,
  badDate: (value: string) => `"${value}" is geen geldige datum en tijd. Schrijf bijvoorbeeld 02-11-2026 09:30 of 2026-11-02T09:30:00+01:00.`,
  startNeedsTime: (value: string) => `Bij de start hoort ook een tijd: "${value}" heeft alleen een datum. Schrijf bijvoorbeeld 02-11-2026 09:30.`,
  startBeforeBooking: 'De afspraak begint vóór het moment van boeken.',
  outcomeInFuture: 'De afspraak moet nog beginnen, dus de status kan nog niet verschenen of niet_verschenen zijn.',
  badEmail: 'Dit is geen geldig e-mailadres.',
  tooManyColumns: (count: number, expected: number) =>
    `Te veel kolommen: ${count} in plaats van ${expected}. Staat er een scheidingsteken in een waarde zonder aanhalingstekens?`,
  tooFewColumns: (count: number, expected: number) => `Te weinig kolommen: ${count} in plaats van ${expected}.`,
  badQuotes: 'De aanhalingstekens kloppen niet. Zet de hele waarde tussen aanhalingstekens en schrijf een " in de waarde als "".',
  conflictingDuplicate: (reference: string, line: number) =>
    `Referentie "${reference}" staat ook op regel ${line}, met andere gegevens. Geen van beide regels is geïmporteerd.`,
};
