import type { acceptedParticipants } from './panel';

/** Quotes every cell; a leading =, +, -, @ or control character is neutralised against formula injection in spreadsheet programs. */
const cell = (value: string | null) => {
  const text = value ?? '';
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

/** The researchers' CSV of a study's participants who said yes: their contact details. */
export function participantsCsv(rows: ReturnType<typeof acceptedParticipants>): string {
  const lines = [
    ['lid', 'status', 'naam', 'e-mail', 'telefoon', 'voorkeur', 'geantwoord'].map(cell).join(','),
    ...rows.map((row) =>
      [String(row.memberId), row.status, row.contact.name, row.contact.email, row.contact.phone, row.contact.preferredContact, row.answeredAt?.toISOString() ?? null].map(cell).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
