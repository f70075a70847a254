import { createHash } from 'node:crypto';
import type { Config } from './config';

/** Bump when the wording below changes; every text ever shown is also kept by its hash (panel_consent_texts). */
export const CONSENT_TEXT_VERSION = 'panel-2026-11-v1';

export type ConsentConfig = Pick<Config, 'ORGANISATION_NAME' | 'PANEL_MAX_CONTACTS_PER_YEAR' | 'PANEL_CONSENT_MONTHS' | 'PANEL_CONFIRM_DAYS'>;

export interface ConsentText {
  version: string;
  paragraphs: string[];
  /** The exact text shown, paragraphs joined by blank lines: what the hash is over. */
  text: string;
  hash: string;
}

const times = (n: number) => (n === 1 ? '1 keer' : `${n} keer`);

/** The full consent text: what, why, what we keep, how often, how long, how to stop — plain Dutch (B1). */
export function consentText(config: ConsentConfig): ConsentText {
  const organisation = config.ORGANISATION_NAME;
  const paragraphs = [
    `Wat vragen wij? ${organisation} praat soms met inwoners over hun ervaring. Dat is een gesprek van ongeveer 45 minuten. Bijvoorbeeld op het stadskantoor, bij u thuis, via video of telefoon.`,
    'Waarom? Zo leren wij wat goed ging en wat beter kan. Ook als uw ervaring niet goed was, willen wij graag met u praten.',
    'Wat bewaren wij? Uw e-mailadres. En als u dat wilt ook uw naam, uw telefoonnummer en hoe u benaderd wilt worden. Wij bewaren deze gegevens apart van uw antwoorden. Alleen onderzoekers van de gemeente kunnen ze zien. Zij zien ook hoe u de stappen van deze dienst beleefde.',
    `Hoe vaak? Wij vragen u hoogstens ${times(config.PANEL_MAX_CONTACTS_PER_YEAR)} per jaar. U beslist elke keer zelf of u meedoet.`,
    `Hoe lang? Uw toestemming geldt ${config.PANEL_CONSENT_MONTHS} maanden. Daarna vragen wij of u wilt blijven meedoen. Zegt u niets, dan wissen wij uw contactgegevens.`,
    'Hoe stopt u? In elke e-mail over het burgerpanel staat een link "Ik wil niet meer meedoen". Eén klik is genoeg. Dan wissen wij uw contactgegevens meteen.',
    `Eerst bevestigen: u krijgt eerst een e-mail. Pas als u op de link in die e-mail klikt, doet u mee. Klikt u niet binnen ${config.PANEL_CONFIRM_DAYS} dagen, dan wissen wij uw gegevens.`,
    'Meedoen is vrijwillig. Als u niet meedoet, heeft dat geen gevolgen voor u.',
  ];
  const text = paragraphs.join('\n\n');
  return { version: CONSENT_TEXT_VERSION, paragraphs, text, hash: sha256(text) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
