/**
 * Words Dutch people build passwords from, for the refusal check in passwords.ts. zxcvbn's
 * common list is English, and its Dutch dictionary (@zxcvbn-ts/language-nl-be) is not a
 * dependency; the check only refuses, so a short list of the bases that actually turn up in
 * Dutch password leaks (plus this domain's own words) is enough: "wachtwoord1234",
 * "welkomwelkom" and "Gemeente2026!" are a base word with decoration, not a passphrase.
 */
const words = [
  'wachtwoord', 'paswoord', 'welkom', 'hallo', 'geheim', 'inloggen', 'toegang', 'gebruiker', 'beheerder',
  'gemeente', 'gemeentehuis', 'stadhuis', 'meethuis', 'klantcontact', 'servicedesk', 'balie', 'medewerker',
  'nederland', 'holland', 'oranje', 'amsterdam', 'rotterdam', 'utrecht', 'eindhoven', 'groningen', 'denhaag',
  'ajax', 'feyenoord', 'psv', 'voetbal', 'kampioen', 'liefde', 'schatje', 'lieverd', 'prinses', 'konijn',
  'poesje', 'hondje', 'zomer', 'winter', 'lente', 'herfst', 'voorjaar', 'najaar',
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'qwerty', 'azerty',
] as const;

const wordSet = new Set<string>(words);

// Common letter-for-symbol swaps, undone before looking the word up ("W@chtw00rd").
const unswap: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's' };

/** Ways to split `text` into one or two listed words ("welkomwelkom", "zomergemeente"). */
function isOneOrTwoWords(text: string): boolean {
  if (wordSet.has(text)) return true;
  for (let cut = 1; cut < text.length; cut += 1) {
    if (wordSet.has(text.slice(0, cut)) && wordSet.has(text.slice(cut))) return true;
  }
  return false;
}

/** True when the password is one or two common Dutch words with digits or symbols around them. */
export function isCommonDutchPassword(password: string): boolean {
  const core = password
    .toLowerCase()
    .replace(/[\s_.-]+/g, '')
    .replace(/^[^a-z]+|[^a-z]+$/g, '')
    .replace(/[@4310!$5]/g, (char) => unswap[char] ?? char);
  return core.length > 0 && isOneOrTwoWords(core);
}
