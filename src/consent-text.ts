import { createHash } from 'node:crypto';
import type { Config } from './config';
import type { CitizenLanguage } from './texts/citizen';

/**
 * Bump when the wording (panel.consent in the language files) changes. Every text ever shown, in
 * every language, is also kept by its hash (panel_consent_texts).
 */
export const CONSENT_TEXT_VERSION = 'panel-2026-11-v1';

export type ConsentConfig = Pick<Config, 'ORGANISATION_NAME' | 'PANEL_MAX_CONTACTS_PER_YEAR' | 'PANEL_CONSENT_MONTHS' | 'PANEL_CONFIRM_DAYS'>;

export interface ConsentText {
  version: string;
  paragraphs: string[];
  /** The exact text shown, paragraphs joined by blank lines: what the hash is over. */
  text: string;
  hash: string;
}

/**
 * The full consent text as shown now in `language`, with its version and the hash that proves which
 * text a citizen saw: each language's wording has its own hash.
 */
export function consentText(config: ConsentConfig, language: CitizenLanguage): ConsentText {
  const paragraphs = language.texts.panel.consent.paragraphs({
    organisation: config.ORGANISATION_NAME,
    maxContactsPerYear: config.PANEL_MAX_CONTACTS_PER_YEAR,
    consentMonths: config.PANEL_CONSENT_MONTHS,
    confirmDays: config.PANEL_CONFIRM_DAYS,
  });
  const text = paragraphs.join('\n\n');
  return { version: CONSENT_TEXT_VERSION, paragraphs, text, hash: sha256(text) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
