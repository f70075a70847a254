/**
 * The demo's chain journey (ketenreis) "Overlijden doorgeven": the gemeente coordinates it, the
 * SVB and a pension fund own a step each, and each partner's own system triggers surveys with its
 * own key and case type, so their invitations are theirs. The planted ketenknelpunt: the first
 * step after the hand-off from the gemeente to the SVB feels clearly negative — nabestaanden do
 * not know what the gemeente passed on and have to tell everything again.
 */
import { eq } from 'drizzle-orm';
import { createApiKey, revokeApiKey } from '../api-keys/api-keys';
import { createUser } from '../auth/users';
import { addDays, type Clock } from '../clock';
import type { Db } from '../db/client';
import { users, type Organisation } from '../db/schema';
import type { CaseClosedEvent } from '../events/event-schema';
import { ingestCaseClosed } from '../events/ingest';
import { itemsToAsk } from '../items/journey-items';
import { journeyItemsNow } from '../journeys/journey-cache';
import type { JourneyDefinitionInput } from '../journeys/definition';
import { journeyDefinitionSchema } from '../journeys/definition';
import { findJourneyBySlug, importJourney } from '../journeys/journeys';
import { createOrganisation, findOrganisationBySlug, HOSTING_ORGANISATION_ID } from '../organisations/organisations';
import { seededRandom } from '../seeded-random';
import { submitResponse } from '../survey/responses';
import { answerItems, answerSurvey, DEMO_MAIL_DOMAIN, invitationToken, pickWeighted, type DemoDeps, type DemoOptions } from './demo-history';
import type { StoryJourney } from './demo-story';

/** The demo partners' managers sign in with this password (demo data only; no second factor is asked of managers by default). */
export const DEMO_CHAIN_PASSWORD = 'samen door de keten 2026';

export const DEMO_CHAIN_SLUG = 'overlijden-doorgeven';
/** The step after the hand-off from the gemeente to the SVB: where the planted dip is. */
export const DEMO_HAND_OFF_STEP = 'gegevens-naar-svb';

const partners = [
  { slug: 'svb', name: 'Sociale Verzekeringsbank', citizenContact: 'www.svb.nl · 020 656 56 56', privacyContact: 'privacy@svb.example', manager: 'manager@svb.test', caseType: 'nabestaanden-aow-anw' },
  {
    slug: 'pfzw',
    name: 'Pensioenfonds Zorg en Welzijn',
    citizenContact: 'www.pfzw.nl · 030 277 55 77',
    privacyContact: 'privacy@pfzw.example',
    manager: 'manager@pfzw.test',
    caseType: 'nabestaandenpensioen',
  },
] as const;

const HOSTING_CASE_TYPE = 'overlijden-aangifte';

const definition: JourneyDefinitionInput = {
  slug: DEMO_CHAIN_SLUG,
  name: 'Overlijden doorgeven',
  type: 'emotioneel',
  lifeEvent: 'Overlijden',
  description: 'Na een overlijden: aangifte bij de gemeente, de SVB over AOW en Anw, het pensioenfonds over het nabestaandenpensioen, en de afronding bij de gemeente.',
  caseTypes: [HOSTING_CASE_TYPE],
  chain: true,
  partnerCaseTypes: Object.fromEntries(partners.map((partner) => [partner.slug, [partner.caseType]])),
  touchpoints: [
    { slug: 'aangifte-overlijden', name: 'Aangifte overlijden', channel: 'balie', momentOfTruth: true },
    { slug: DEMO_HAND_OFF_STEP, name: 'Contact met SVB over AOW/ANW', channel: 'telefoon', organisation: 'svb' },
    { slug: 'nabestaandenpensioen', name: 'Nabestaandenpensioen', channel: 'post', organisation: 'pfzw' },
    { slug: 'afronding-gemeente', name: 'Afronding bij de gemeente', channel: 'web' },
  ],
};

const comments: Record<string, { negative: string[]; positive: string[] }> = {
  'aangifte-overlijden': {
    negative: ['Ik moest lang wachten aan de balie, op zo’n dag.'],
    positive: ['De medewerker nam de tijd en was heel meelevend.', 'Alles werd rustig uitgelegd, ook wat er daarna zou gebeuren.', 'Fijn dat de uitvaartondernemer veel voor ons regelde.'],
  },
  [DEMO_HAND_OFF_STEP]: {
    negative: [
      'Ik wist niet wat de gemeente al aan de SVB had doorgegeven. Ik moest alles opnieuw vertellen.',
      'De SVB vroeg om de overlijdensakte, terwijl de gemeente zei dat zij dat al doorgaf.',
      'Niemand kon me zeggen of de gemeente de SVB al had ingelicht. Bel me gerust: 06-12345678.',
      'Drie keer gebeld voordat duidelijk was wat er met de AOW van mijn man gebeurde.',
      'Ik kreeg een brief over de AOW van mijn vrouw alsof ze nog leefde. Dat deed pijn.',
      'Ik wist niet bij wie ik moest zijn: gemeente of SVB. Niemand gaf overzicht.',
    ],
    positive: ['De SVB belde mij zelf op en wist al wat er gebeurd was.'],
  },
  nabestaandenpensioen: {
    negative: ['Het formulier van het pensioenfonds was lang en moeilijk.'],
    positive: ['Het pensioenfonds stuurde een duidelijke brief met wat ik kon verwachten.', 'Snel geregeld, ik hoefde bijna niets te doen.'],
  },
  'afronding-gemeente': {
    negative: ['Het duurde lang voordat de gemeentelijke belastingen op mijn naam stonden.'],
    positive: ['De gemeente regelde de rest netjes, ik kreeg een bevestiging.'],
  },
};

const story: StoryJourney = {
  slug: DEMO_CHAIN_SLUG,
  weight: 1,
  ageBands: [
    { weight: 2, value: '35-64' },
    { weight: 3, value: '65+' },
    { weight: 1, value: '18-34' },
  ],
  districts: [{ weight: 1, value: 'Centrum' }],
  channels: [{ weight: 1, value: 'balie' }],
  leadDays: { median: 20, spread: 0.4 },
  pickSteps: (_random, slugs) => slugs,
  feelingAt(step) {
    const base: Record<string, number> = { 'aangifte-overlijden': 0.9, [DEMO_HAND_OFF_STEP]: -1.3, nabestaandenpensioen: 0.4, 'afronding-gemeente': 0.6 };
    return base[step] ?? 0;
  },
  commentFor(random, step, feeling) {
    const bank = comments[step];
    if (!bank || feeling === 0) return null;
    const list = feeling < 0 ? bank.negative : bank.positive;
    return list[Math.floor(random() * list.length)] ?? null;
  },
  gradeWeights: { [DEMO_HAND_OFF_STEP]: 3 },
  items: [],
};

export interface DemoChainReport {
  cases: number;
  responses: number;
  /** Invitations per triggering organisation slug. */
  byOrganisation: Record<string, number>;
  managers: string[];
}

class ChainClock implements Clock {
  current = new Date();
  now() {
    return new Date(this.current);
  }
}

function partnerOrganisation(db: Db, clock: Clock, partner: (typeof partners)[number]): Organisation {
  return findOrganisationBySlug(db, partner.slug) ?? createOrganisation(db, clock, { name: partner.name, slug: partner.slug, citizenContact: partner.citizenContact, privacyContact: partner.privacyContact });
}

/**
 * Adds the chain: the partners, the chain journey, a manager per partner and a history of
 * responses triggered by each organisation's own key — enough per step for the minimum group size.
 */
export async function addDemoChain(db: Db, deps: DemoDeps, options: DemoOptions, realNow: Date): Promise<DemoChainReport> {
  const clock = new ChainClock();
  clock.current = addDays(realNow, -options.days);
  const organisations = partners.map((partner) => ({ partner, organisation: partnerOrganisation(db, clock, partner) }));
  importJourney(db, journeyDefinitionSchema.parse(definition), clock);
  const { journey, touchpoints } = findJourneyBySlug(db, DEMO_CHAIN_SLUG)!;

  const managers: string[] = [];
  for (const { partner, organisation } of organisations) {
    if (db.select({ id: users.id }).from(users).where(eq(users.email, partner.manager)).get()) continue;
    await createUser(db, clock, { email: partner.manager, role: 'manager', password: DEMO_CHAIN_PASSWORD, organisationId: organisation.id });
    managers.push(partner.manager);
  }

  // Each organisation's system sends its own events with its own key (revoked afterwards, as the history's key is).
  const triggers = [
    { slug: 'gemeente', organisationId: HOSTING_ORGANISATION_ID, caseType: HOSTING_CASE_TYPE, weight: 4 },
    ...organisations.map(({ partner, organisation }) => ({ slug: partner.slug, organisationId: organisation.id, caseType: partner.caseType, weight: 3 })),
  ].map((trigger) => ({ ...trigger, key: createApiKey(db, `demo-keten-${trigger.slug}-${options.seed}-${realNow.getTime()}`, clock, trigger.organisationId).id }));

  const random = seededRandom(options.seed + 13);
  const itemRandom = seededRandom(options.seed + 17);
  const tokenOf = invitationToken(db);
  const total = Math.max(240, Math.round(options.responses / 30));
  const report: DemoChainReport = { cases: 0, responses: 0, byOrganisation: {}, managers };
  const invitationDeps = { ...deps, clock };
  db.transaction(() => {
    for (let n = 0; n < total; n++) {
      const trigger = pickWeighted(random, triggers.map((value) => ({ weight: value.weight, value })));
      const closedAt = new Date(addDays(realNow, -options.days).getTime() + ((n + random()) / total) * (options.days - 1) * 86_400_000);
      const ageBand = pickWeighted(random, story.ageBands);
      // Not every family deals with a pension fund; the fund's own cases always do.
      const steps = touchpoints.map((touchpoint) => touchpoint.slug).filter((slug) => slug !== 'nabestaandenpensioen' || trigger.slug === 'pfzw' || random() < 0.6);
      const event: CaseClosedEvent = {
        id: `demo-keten-${options.seed}-${n}`,
        type: 'case.closed',
        occurredAt: closedAt.toISOString(),
        case: { reference: `DEMO-KETEN-${options.seed}-${n}`, caseType: trigger.caseType, openedAt: addDays(closedAt, -20).toISOString(), channel: 'telefoon' },
        citizen: { email: `nabestaande${options.seed}x${n}@${DEMO_MAIL_DOMAIN}`, language: 'nl' },
        segment: { leeftijd: ageBand },
        touchpoints: steps,
      };
      clock.current = closedAt;
      const outcome = ingestCaseClosed(db, invitationDeps, trigger.key, event, trigger.organisationId);
      report.cases++;
      if (outcome.status !== 'accepted') continue;
      report.byOrganisation[trigger.slug] = (report.byOrganisation[trigger.slug] ?? 0) + 1;
      if (random() > 0.75) continue;
      const answeredAt = new Date(closedAt.getTime() + random() * 3 * 86_400_000);
      if (answeredAt > realNow) continue;
      clock.current = answeredAt;
      const asked = touchpoints.filter((touchpoint) => steps.includes(touchpoint.slug));
      const survey = answerSurvey(random, story, asked, { progress: 0, ageBand, channel: 'telefoon', leadDays: 20 });
      // The hand-off is what they write about: most who felt it bad say why.
      const explained = { ...survey, steps: survey.steps.map((step) => (step.slug === DEMO_HAND_OFF_STEP && step.feeling !== null && step.feeling < 0 && step.comment === null && random() < 0.4 ? { ...step, comment: story.commentFor(random, step.slug, step.feeling) } : step)) };
      const answers = answerItems(itemRandom, story, itemsToAsk(journeyItemsNow(db, journey.id), asked.map((touchpoint) => touchpoint.id)), asked, explained);
      if (submitResponse(db, clock, tokenOf(outcome.invitationId), asked, answers).state === 'stored') report.responses++;
    }
  });
  for (const trigger of triggers) revokeApiKey(db, trigger.key, realNow);
  return report;
}
