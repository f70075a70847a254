import { responseModeLabels } from './assisted';
import { segmentKeyLabel } from './segments';

/**
 * The coded export (/dashboard/export/antwoorden.csv|json) and its codebook: what a researcher
 * reads to know what each column means, in Dutch.
 */
export const itemExport = {
  links: {
    answers: 'Download alle antwoorden met itemcodes (CSV, voor SPSS of R)',
    codebook: 'Download het codeboek bij dat bestand (CSV)',
  },
  errors: {
    filters: 'De periode in het adres klopt niet. Kies de periode opnieuw op het dashboard.',
  },
  /** The codebook's CSV header. */
  codebookHeader: ['kolom', 'code', 'stap', 'niveau', 'schaal', 'vraag_nl', 'vraag_en', 'waarden', 'bron', 'eerst_gevraagd', 'laatst_gevraagd', 'toelichting'],
  levels: { description: 'beschrijving', journey: 'klantreis', touchpoint: 'stap' },
  source: {
    meethuis: 'meethuis (gegevens van de zaak en het antwoord)',
  },
  columns: {
    respondent: 'Volgnummer van het antwoord in dit bestand. Verwijst niet naar de database: een nieuwe download nummert opnieuw.',
    journey: 'Klantreis (de korte naam uit het adres van de klantreis)',
    quarter: 'Kwartaal waarin het antwoord werd gegeven (jaar-Q1 tot en met Q4, Nederlandse tijd)',
    month: 'Maand waarin het antwoord werd gegeven (jaar-maand, Nederlandse tijd). Het precieze tijdstip staat er bewust niet in.',
    mode: 'Hoe het antwoord werd gegeven',
    language: 'Taal van de vragenlijst (taalcode, zoals nl of en)',
    channel: 'Kanaal van de zaak, zoals het zaaksysteem het doorgaf',
    segment: (key: string) => `Segment "${segmentKeyLabel(key)}" (sleutel ${key}), zoals het zaaksysteem het doorgaf`,
    comment: (step: string) => `Opmerking bij de stap "${step}": open tekst, e-mailadressen, telefoonnummers, IBAN- en BSN-nummers zijn vervangen`,
  },
  modes: responseModeLabels,
  scales: {
    category: 'categorie',
    text: 'tekst',
    number: 'volgnummer',
  },
  values: {
    gradeLow: 'heel slecht',
    gradeHigh: 'heel goed',
    effortLow: 'helemaal mee oneens',
    effortHigh: 'helemaal mee eens',
  },
  notes: {
    empty: 'Leeg: deze vraag is bij dit antwoord niet gesteld.',
    dontKnow: (code: number) => `${code} = weet ik niet of niet van toepassing.`,
    groupsWithheld: (responses: number, groups: number, minGroupSize: number) =>
      `${responses} antwoorden uit ${groups} groepen (klantreis × kwartaal) met minder dan ${minGroupSize} antwoorden zijn weggelaten, zodat niemand in een kleine groep te herkennen is.`,
    cellsWithheld: (cells: number, minGroupSize: number) =>
      `${cells} cellen zijn leeg gelaten: die waarde kwam minder dan ${minGroupSize} keer voor in de klantreis en het kwartaal van het antwoord.`,
  },
} as const;
