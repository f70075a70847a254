/** Slugs: the short, stable, lower-case names in addresses and files (journeys, steps, organisations). */

/** A slug from a name: "Aanvraag aan de balie" → "aanvraag-aan-de-balie"; accents dropped. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 72)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}
