/** The part of snowball-stemmers (no types of its own) that the themes use. */
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}

/** The Dutch list of the stopword package (no types of its own). */
declare module 'stopword' {
  export const nld: string[];
}
