import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { journeys } from '../db/schema';
import { journeyDefinitionSchema, type JourneyDefinitionInput } from './definition';
import { importJourney } from './journeys';

/** Three journeys from Dutch municipal practice, loaded on a fresh database, with the questions in English too. */
export const demoJourneys: JourneyDefinitionInput[] = [
  {
    slug: 'paspoort-aanvragen',
    name: 'Paspoort of ID-kaart aanvragen',
    type: 'transactioneel',
    lifeEvent: 'Op reis gaan',
    description: 'Van het maken van een afspraak tot het ophalen van het nieuwe reisdocument aan de balie.',
    caseTypes: ['paspoort-aanvragen', 'id-kaart-aanvragen'],
    touchpoints: [
      {
        slug: 'afspraak-maken',
        name: 'Afspraak maken',
        channel: 'web',
        serviceNorm: 'Binnen 10 werkdagen een afspraak mogelijk',
        question: 'Hoe voelde u zich bij het maken van de afspraak?',
        questions: { en: 'How did you feel about making the appointment?' },
      },
      {
        slug: 'balie',
        name: 'Aanvraag aan de balie',
        channel: 'balie',
        serviceNorm: 'Binnen 10 minuten na de afspraaktijd geholpen',
        momentOfTruth: true,
        question: 'Hoe voelde u zich bij de aanvraag aan de balie?',
        questions: { en: 'How did you feel about applying at the counter?' },
      },
      {
        slug: 'ophalen',
        name: 'Document ophalen',
        channel: 'balie',
        serviceNorm: 'Document binnen 6 werkdagen klaar',
        question: 'Hoe voelde u zich bij het ophalen van uw document?',
        questions: { en: 'How did you feel about collecting your document?' },
      },
    ],
  },
  {
    slug: 'verhuizing-doorgeven',
    name: 'Verhuizing doorgeven',
    type: 'feitelijk',
    lifeEvent: 'Verhuizen',
    description: 'Een nieuw adres doorgeven aan de gemeente, binnen Nederland.',
    caseTypes: ['verhuizing-doorgeven', 'adreswijziging'],
    touchpoints: [
      {
        slug: 'informatie-zoeken',
        name: 'Informatie zoeken op de website',
        channel: 'web',
        askedByDefault: false,
        question: 'Hoe voelde u zich bij het zoeken naar informatie op de website?',
        questions: { en: 'How did you feel about finding information on the website?' },
      },
      {
        slug: 'verhuizing-melden',
        name: 'Verhuizing melden met DigiD',
        channel: 'web',
        momentOfTruth: true,
        question: 'Hoe voelde u zich bij het doorgeven van uw verhuizing?',
        questions: { en: 'How did you feel about reporting your move?' },
      },
      {
        slug: 'bevestiging',
        name: 'Bevestiging ontvangen',
        channel: 'e-mail',
        serviceNorm: 'Bevestiging binnen 5 werkdagen',
        question: 'Hoe voelde u zich bij de bevestiging die u kreeg?',
        questions: { en: 'How did you feel about the confirmation you received?' },
      },
      {
        slug: 'adresonderzoek',
        name: 'Vragen of adresonderzoek',
        channel: 'telefoon',
        askedByDefault: false,
        question: 'Hoe voelde u zich toen de gemeente u vragen stelde over uw nieuwe adres?',
        questions: { en: 'How did you feel when the municipality asked you questions about your new address?' },
      },
    ],
  },
  {
    slug: 'schuldhulp-aanvragen',
    name: 'Schuldhulp aanvragen',
    type: 'emotioneel',
    lifeEvent: 'Geldzorgen',
    description: 'Van de eerste aanmelding bij schuldhulpverlening tot het besluit over de hulp.',
    caseTypes: ['schuldhulp-aanvragen'],
    touchpoints: [
      {
        slug: 'aanmelden',
        name: 'Aanmelden',
        channel: 'telefoon',
        serviceNorm: 'Binnen 3 werkdagen een eerste gesprek',
        momentOfTruth: true,
        question: 'Hoe voelde u zich bij het aanmelden voor hulp?',
        questions: { en: 'How did you feel about signing up for help?' },
      },
      {
        slug: 'documenten-aanleveren',
        name: 'Documenten aanleveren',
        channel: 'web',
        question: 'Hoe voelde u zich bij het aanleveren van uw papieren?',
        questions: { en: 'How did you feel about handing in your papers?' },
      },
      {
        slug: 'intakegesprek',
        name: 'Intakegesprek',
        channel: 'balie',
        serviceNorm: 'Intake binnen 4 weken na aanmelding',
        momentOfTruth: true,
        question: 'Hoe voelde u zich bij het intakegesprek?',
        questions: { en: 'How did you feel about the intake interview?' },
      },
      {
        slug: 'plan-van-aanpak',
        name: 'Plan van aanpak',
        channel: 'balie',
        question: 'Hoe voelde u zich bij het maken van het plan van aanpak?',
        questions: { en: 'How did you feel about making the plan of action?' },
      },
      {
        slug: 'besluit',
        name: 'Besluit',
        channel: 'post',
        serviceNorm: 'Besluit binnen 8 weken na aanmelding',
        question: 'Hoe voelde u zich bij het besluit dat u kreeg?',
        questions: { en: 'How did you feel about the decision you received?' },
      },
    ],
  },
];

/** Loads the demo journeys when the database has no journeys yet; returns how many were loaded. */
export function loadDemoJourneysIfEmpty(db: Db, clock: Clock): number {
  if (db.select({ id: journeys.id }).from(journeys).limit(1).get()) return 0;
  for (const journey of demoJourneys) importJourney(db, journeyDefinitionSchema.parse(journey), clock);
  return demoJourneys.length;
}
