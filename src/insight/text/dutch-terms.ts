/**
 * The terms of a Dutch comment for the themes: lowercase words of letters (diacritics kept), stop
 * words left out, each word reduced to its Snowball stem ("wachten", "wachtte" → "wacht";
 * "afspraken" → "afsprak"), plus two-word phrases of adjacent content words ("lang wachten" →
 * "lang wacht"). A stop word, number or masked value between two words breaks the phrase. Each
 * term counts once per comment. Pure; the stemmer and stop words come from maintained packages.
 */
import { newStemmer } from 'snowball-stemmers';
import { nld } from 'stopword';
import { MASKS } from '../../mask';

const stemmer = newStemmer('dutch');

/**
 * Words the stopword package's short Snowball list (104 words) lacks but that say nothing about a
 * step: inflected auxiliaries and intensifiers ("moeten", "heel"), and the words every comment to a
 * municipality shares ("gemeente"), which would otherwise crowd the themes out.
 */
const DOMAIN_STOP_WORDS = [
  'gemeente', 'moeten', 'moest', 'moesten', 'kunt', 'kun', 'wilde', 'wilden', 'ging', 'gaan', 'gaat', 'ga',
  'heel', 'erg', 'zeer', 'echt', 'even', 'gewoon', 'allemaal', 'hebt', 'hadden', 'word', 'wordt',
  'geworden', 'jullie', 'alleen', 'daarna', 'daarom', 'waar',
];

export const STOP_WORDS: ReadonlySet<string> = new Set([...nld, ...DOMAIN_STOP_WORDS]);

const MASKED = new RegExp(Object.values(MASKS).map((mask) => mask.replace(/[[\]]/g, '\\$&')).join('|'), 'g');
// E-mail addresses and links are not words of the theme; they are dropped before the words are read.
const EMAIL_OR_URL = /\S+@\S+|\b(?:https?:\/\/|www\.)\S+/giu;
// A token: letters and digits, hyphenated parts joined ("e-mail" → "email"); one with an apostrophe
// is a contraction of function words ("zo'n", "m'n") and is not a content word.
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
// Punctuation that ends a clause: a phrase does not run across it.
const CLAUSE_END = /[.,;:!?()"“”…\n]/u;
const BREAK = '\u0000';

// Stemming is most of the indexing time and comments reuse few words: remembered, bounded.
const stems = new Map<string, string>();

/** A word's stem: the key the counts and the codebook share. */
export function stemOf(word: string): string {
  const lower = word.toLowerCase();
  let stem = stems.get(lower);
  if (stem === undefined) {
    stem = stemmer.stem(lower);
    if (stems.size >= 100_000) stems.clear();
    stems.set(lower, stem);
  }
  return stem;
}

/**
 * The content words of a text in order, with a break marker where a stop word, number or masked
 * value stood (phrases do not span it).
 */
function contentWords(text: string): string[] {
  const cleaned = text.replace(MASKED, ` ${BREAK} `).replace(EMAIL_OR_URL, ` ${BREAK} `).toLowerCase();
  const words: string[] = [];
  for (const part of cleaned.split(BREAK).flatMap((piece) => piece.split(CLAUSE_END))) {
    for (const [token] of part.matchAll(TOKEN)) {
      const word = token.replace(/-/g, '');
      const content = /^\p{L}+$/u.test(word) && word.length > 1 && !STOP_WORDS.has(word);
      if (content) words.push(word);
      else if (words.at(-1) !== BREAK) words.push(BREAK);
    }
    if (words.at(-1) !== BREAK) words.push(BREAK);
  }
  return words;
}

export interface CommentTerm {
  /** The stem, or two stems joined by a space for a phrase. */
  term: string;
  /** The words as written (lowercase), for the display form. */
  surface: string;
}

/** The distinct terms of one comment: stems of its content words and phrases of two adjacent ones. */
export function commentTerms(text: string): CommentTerm[] {
  const words = contentWords(text);
  const terms = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === BREAK) continue;
    const stem = stemOf(word);
    if (!terms.has(stem)) terms.set(stem, word);
    const next = words[i + 1];
    if (next !== undefined && next !== BREAK) {
      const phrase = `${stem} ${stemOf(next)}`;
      if (!terms.has(phrase)) terms.set(phrase, `${word} ${next}`);
    }
  }
  return [...terms].map(([term, surface]) => ({ term, surface }));
}

/** Whether a term is a two-word phrase. */
export const isPhrase = (term: string) => term.includes(' ');

export type EntryTerm = { ok: true; term: string } | { ok: false; reason: 'empty' | 'too-long' };

/**
 * The term a codebook entry stands for: the stem of one word ("wachttijden" → "wachttijd") or the
 * phrase of two adjacent content words ("lang wachten" → "lang wacht"), read exactly as comments are
 * read, so an entry matches the inflections Snowball conflates. Stop words in an entry are ignored
 * ("op tijd" is the word "tijd"); more than two content words cannot be one term.
 */
export function entryTerm(entry: string): EntryTerm {
  const words = contentWords(entry).filter((word) => word !== BREAK);
  if (words.length === 0) return { ok: false, reason: 'empty' };
  if (words.length > 2) return { ok: false, reason: 'too-long' };
  return { ok: true, term: words.map(stemOf).join(' ') };
}

/** The distinct terms a list of codebook entries stands for (entries that are no term left out). */
export function entriesTerms(entries: readonly string[]): string[] {
  return [...new Set(entries.map(entryTerm).flatMap((term) => (term.ok ? [term.term] : [])))];
}
