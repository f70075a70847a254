import { and, eq, gte, isNull, like, lte, ne, or } from 'drizzle-orm';
import { createApiKey, revokeApiKey } from '../api-keys/api-keys';
import { addDays, type Clock } from '../clock';
import type { Db } from '../db/client';
import { mailErased, outbox, type AskedItem, type AssistedMode, type Touchpoint } from '../db/schema';
import { ANSWERED_ITEM, bankItem } from '../items/item-bank';
import { activeJourneyItems, addJourneyItem, itemsToAsk } from '../items/journey-items';
import { journeyItemsNow } from '../journeys/journey-cache';
import type { CaseClosedEvent } from '../events/event-schema';
import { ingestCaseClosed } from '../events/ingest';
import { expireInvitations, optOut, type InvitationDeps } from '../invitations/invitations';
import { findJourneyBySlug } from '../journeys/journeys';
import { submitResponse } from '../survey/responses';
import { shouldOfferCallback } from '../callbacks/offer';
import { createCallbackRequest, type CallbackDeps } from '../callbacks/requests';
import type { PanelDeps } from '../panel/panel';
import { type DemoPanelReport, startDemoPanel } from './demo-panel';
import { demoStory, type StoryJourney } from './demo-story';
import { seededRandom } from '../seeded-random';
import { letterToken } from '../invitations/letter-codes';

/** Respondents of this many last days may still be waiting for the KCC's call. */
const CALLBACK_DAYS = 4;

export { seededRandom };

export const DEMO_MAIL_DOMAIN = 'demo.meethuis.invalid';

export interface DemoOptions {
  days: number;
  responses: number;
  seed: number;
}

export interface DemoReport {
  cases: number;
  responses: number;
  suppressed: number;
  optedOut: number;
  /** Undefined when the database had panel members already (a second run adds none). */
  panel: DemoPanelReport | undefined;
  /** Call-back requests made by unhappy respondents of the last days, still open for the KCC. */
  callbacks: number;
}

/** What the history needs: the invitation path and, for respondents who give consent, the panel's. */
export type DemoDeps = Omit<InvitationDeps, 'clock'> & Omit<PanelDeps, 'clock'> & Omit<CallbackDeps, 'clock'>;

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function pickWeighted<T>(random: () => number, items: readonly { weight: number; value: T }[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll <= 0) return item.value;
  }
  return items[items.length - 1]!.value;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A clock the generator moves through the simulated history. */
class HistoryClock implements Clock {
  current = new Date();
  now() {
    return new Date(this.current);
  }
}

/**
 * Fills the database with a believable history through the same domain functions a real
 * citizen's path uses: events are ingested, invitations created, surveys answered. The story
 * (dips, the citizens' words, a recovery after an improvement) lives in demo-story.ts.
 * Some respondents join the consent panel (demo-panel.ts). Mails of the history are marked as
 * sent (or cancelled when due in the future): none is sent.
 */
export function generateDemoHistory(db: Db, deps: DemoDeps, options: DemoOptions, realNow: Date): DemoReport {
  const random = seededRandom(options.seed);
  const clock = new HistoryClock();
  const invitationDeps = { ...deps, clock };
  const tokenOf = invitationToken(db);
  const addressHashOf = invitationHash(db);
  const firstOutboxId = nextOutboxId(db);
  const { id: apiKeyId } = createApiKey(db, `demo-${options.seed}-${realNow.getTime()}`, clock);
  const start = addDays(realNow, -options.days);
  const journeys = demoStory.map((story) => {
    const found = findJourneyBySlug(db, story.slug);
    if (!found) throw new Error(`Demo journey "${story.slug}" is missing: start the app once or import it first.`);
    askStoryItems(db, story, found.journey.id, found.touchpoints, start);
    return { story, journey: found.journey, touchpoints: found.touchpoints };
  });

  const answerRate = 0.72;
  const casesPerDay = options.responses / answerRate / options.days;
  const report: Omit<DemoReport, 'panel'> = { cases: 0, responses: 0, suppressed: 0, optedOut: 0, callbacks: 0 };
  // Its own stream, so the history's answers stay the same with or without call-back requests.
  const callbackRandom = seededRandom(options.seed + 3);
  // Likewise for who answered by phone or at the counter,
  const modeRandom = seededRandom(options.seed + 5);
  // and for who could be reached by e-mail, only by letter, or not at all.
  const reachRandom = seededRandom(options.seed + 7);
  const panel = startDemoPanel(db, deps, clock, options, realNow);
  // Its own stream, so the steps' answers stay the same with or without items.
  const itemRandom = seededRandom(options.seed + 11);
  const recentAddresses: string[] = [];
  let counter = 0;

  for (let day = 0; day < options.days; day++) {
    const dayStart = addDays(start, day);
    const weekend = [0, 6].includes(dayStart.getUTCDay());
    const cases = Math.round(casesPerDay * (weekend ? 0.35 : 1.26) * (0.85 + random() * 0.3));
    // One transaction per simulated day: one disk flush instead of thousands.
    db.transaction(() => {
      for (let i = 0; i < cases; i++) {
        const { story, journey, touchpoints } = pickWeighted(random, journeys.map((entry) => ({ weight: entry.story.weight, value: entry })));
        const closedAt = new Date(dayStart.getTime() + (7.5 + random() * 10) * 3_600_000);
        const progress = day / options.days;
        counter++;
        const repeat = recentAddresses.length > 50 && random() < 0.03;
        const email = repeat ? recentAddresses[Math.floor(random() * recentAddresses.length)]! : `inwoner${options.seed}x${counter}@${DEMO_MAIL_DOMAIN}`;
        if (!repeat) recentAddresses.push(email);
        if (recentAddresses.length > 2000) recentAddresses.shift();

        const ageBand = pickWeighted(random, story.ageBands);
        const district = pickWeighted(random, story.districts);
        const channel = pickWeighted(random, story.channels);
        const leadDays = Math.max(0, story.leadDays.median * Math.exp(normal(random) * story.leadDays.spread));
        const steps = story.pickSteps(random, touchpoints.map((touchpoint) => touchpoint.slug));
        const reach = reachOf(reachRandom, ageBand);
        const event: CaseClosedEvent = {
          id: `demo-${options.seed}-${counter}`,
          type: 'case.closed',
          occurredAt: closedAt.toISOString(),
          case: {
            reference: `DEMO-${options.seed}-${counter}`,
            caseType: story.slug,
            openedAt: new Date(closedAt.getTime() - leadDays * 86_400_000).toISOString(),
            channel,
          },
          ...(reach === 'email' ? { citizen: { email, language: 'nl' } } : { delivery: reach, citizen: { language: 'nl' } }),
          segment: { leeftijd: ageBand, wijk: district },
          touchpoints: steps,
        };
        clock.current = closedAt;
        const outcome = ingestCaseClosed(db, invitationDeps, apiKeyId, event);
        report.cases++;
        if (outcome.status !== 'accepted') {
          report.suppressed++;
          continue;
        }
        // Fewer answer a letter: typing a link or a code takes more than a click.
        if (random() > answerRate || (reach === 'letter' && reachRandom() < 0.45)) {
          if (reach === 'email' && random() < 0.02) {
            optOut(db, outcome.invitationId, addressHashOf(outcome.invitationId), clock);
            report.optedOut++;
          }
          continue;
        }
        const answeredAt = new Date(closedAt.getTime() + random() * random() * 6 * 86_400_000);
        if (answeredAt > realNow) continue;
        clock.current = answeredAt;
        const asked = touchpoints.filter((touchpoint) => steps.includes(touchpoint.slug));
        const assisted = assistedModeOf(modeRandom);
        const stepsOnly = assisted ? politer(modeRandom, answerSurvey(random, story, asked, { progress, ageBand, channel, leadDays })) : answerSurvey(random, story, asked, { progress, ageBand, channel, leadDays });
        const survey = answerItems(itemRandom, story, itemsToAsk(journeyItemsNow(db, journey.id), asked.map((touchpoint) => touchpoint.id)), asked, stepsOnly);
        const token = reach === 'letter' ? letterToken(deps.addressHashKey, outcome.invitationId) : tokenOf(outcome.invitationId);
        const consent = reach === 'email' ? panel?.consentOf(email) : undefined;
        let memberId: number | undefined;
        const stored = submitResponse(db, clock, token, asked, survey, consent && ((tx, response) => (memberId = panel!.signUp(tx, response, consent))), assisted);
        if (stored.state !== 'stored') continue;
        report.responses++;
        if (memberId !== undefined) panel!.confirmLater(memberId, answeredAt);
        // Of the last days' unhappy respondents, some asked to be contacted: the KCC's work list has something to do.
        const reason = shouldOfferCallback({
          grade: survey.grade,
          feelings: survey.steps.map((step) => step.feeling),
          answered: survey.items.filter((item) => item.code === ANSWERED_ITEM).map((item) => item.value),
          offerToAll: false,
          gradeThreshold: deps.config.CALLBACK_GRADE_THRESHOLD,
        });
        if (reach === 'email' && reason && realNow.getTime() - answeredAt.getTime() < CALLBACK_DAYS * 86_400_000 && callbackRandom() < 0.4) {
          const addressHash = addressHashOf(outcome.invitationId);
          db.transaction((tx) => createCallbackRequest(tx, { ...deps, clock }, { responseId: stored.responseId, journeyId: journey.id, reason, contact: { method: 'email', email }, addressHash }));
          report.callbacks++;
        }
      }
    });
  }

  const panelReport = panel?.finish();
  clock.current = realNow;
  expireInvitations(db, clock);
  settleDemoMail(db, realNow, firstOutboxId);
  // The key only carried the story's events: nobody was shown it, so none is left that could be used.
  revokeApiKey(db, apiKeyId, realNow);
  return { ...report, panel: panelReport };
}

/** History is history: demo mail that was due counts as sent, mail still due is cancelled; none is sent. */
/** What the story's mails keep: no bodies, link or headers (List-Unsubscribe holds the link); the address stays for the filter below. */
// mailErased without erasing the address: drizzle leaves a column set to undefined as it is.
const storyMailErased = { ...mailErased, toAddress: undefined };

export function settleDemoMail(db: Db, now: Date, firstOutboxId: number): void {
  // The story's mail: to its fictitious addresses, or queued during this run with the address already
  // erased (an answer or an opt-out erases it, as for a real citizen).
  const demoMail = or(like(outbox.toAddress, `%@${DEMO_MAIL_DOMAIN}`), and(eq(outbox.toAddress, ''), gte(outbox.id, firstOutboxId)));
  // In the story every invitation mail went out; answering, expiry or opt-out cancelled it while still queued.
  db.update(outbox)
    .set({ status: 'sent', transport: 'demo', ...storyMailErased })
    .where(and(demoMail, eq(outbox.kind, 'invitation'), eq(outbox.status, 'cancelled')))
    .run();
  db.update(outbox)
    .set({ status: 'sent', transport: 'demo', ...storyMailErased })
    .where(and(demoMail, eq(outbox.status, 'queued'), lte(outbox.dueAt, now)))
    .run();
  db.update(outbox).set({ status: 'cancelled' }).where(and(demoMail, eq(outbox.status, 'queued'))).run();
  // Every other mail of the story (reminders cancelled by an answer, panel mails) is the story's too:
  // kept out of the mailbox, and without bodies that retention would otherwise have to find.
  db.update(outbox)
    .set({ transport: 'demo', ...storyMailErased })
    .where(and(demoMail, or(isNull(outbox.transport), ne(outbox.transport, 'demo'))))
    .run();
  db.$client
    .prepare(
      `UPDATE invitations SET mailed_at = created_at WHERE mailed_at IS NULL AND id IN (SELECT invitation_id FROM outbox WHERE kind = 'invitation' AND transport = 'demo')`,
    )
    .run();
}

/** The id the next outbox row will get: mail from here on is this run's. */
export function nextOutboxId(db: Db): number {
  return (db.$client.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM outbox').get() as { id: number }).id;
}

/** The keyed address hash of an invitation, by id (one prepared statement for the whole history). */
function invitationHash(db: Db): (invitationId: number) => string {
  const statement = db.$client.prepare('SELECT address_hash FROM invitations WHERE id = ?').pluck();
  return (invitationId) => statement.get(invitationId) as string;
}

/** The token of an invitation's survey link, by invitation id: it exists only on its queued mail, exactly as for a real citizen. */
export function invitationToken(db: Db): (invitationId: number) => string {
  const statement = db.$client.prepare("SELECT link_token FROM outbox WHERE invitation_id = ? AND kind = 'invitation'").pluck();
  return (invitationId) => {
    const token = statement.get(invitationId) as string | null | undefined;
    if (!token) throw new Error(`No survey link on the mail of invitation ${invitationId}`);
    return token;
  };
}

/**
 * How the case system can reach the citizen: most by e-mail; some only by letter, and some not at
 * all (no address known: counted, never invited) — both more often among the oldest, so "Wie
 * antwoordt, wie niet" has something true to say.
 */
function reachOf(random: () => number, ageBand: string): 'email' | 'letter' | 'none' {
  const roll = random();
  const [none, letter] = ageBand === '65+' ? [0.1, 0.12] : [0.02, 0.02];
  return roll < none ? 'none' : roll < none + letter ? 'letter' : 'email';
}

/** About one respondent in ten gave the answers to the KCC by phone or at the counter (the story's simplification: through the same invitation). */
function assistedModeOf(random: () => number): AssistedMode | undefined {
  const roll = random();
  return roll < 0.06 ? 'telefoon' : roll < 0.1 ? 'balie' : undefined;
}

/** Mode effects are real: said to an employee, feelings and grades run somewhat higher. */
function politer(random: () => number, survey: ReturnType<typeof answerSurvey>): ReturnType<typeof answerSurvey> {
  return {
    grade: clamp(survey.grade + (random() < 0.5 ? 1 : 0), 1, 10),
    effort: survey.effort,
    steps: survey.steps.map((step) => (step.feeling === null || random() >= 0.45 ? step : { ...step, feeling: clamp(step.feeling + 1, -2, 2) })),
  };
}

export function answerSurvey(
  random: () => number,
  story: StoryJourney,
  asked: Touchpoint[],
  context: { progress: number; ageBand: string; channel: string; leadDays: number },
) {
  const steps = asked.map((touchpoint) => {
    if (random() < 0.05) return { slug: touchpoint.slug, feeling: null, comment: null };
    const mean = story.feelingAt(touchpoint.slug, context);
    const feeling = clamp(Math.round(mean + normal(random) * 0.85), -2, 2);
    const comment = random() < 0.22 ? story.commentFor(random, touchpoint.slug, feeling) : null;
    return { slug: touchpoint.slug, feeling, comment };
  });
  // The grade follows the steps' feelings, the planted driver weighing most.
  const given = steps.filter((step) => step.feeling !== null);
  const weightOf = (slug: string) => story.gradeWeights[slug] ?? 1;
  const totalWeight = given.reduce((total, step) => total + weightOf(step.slug), 0);
  const average = totalWeight ? given.reduce((total, step) => total + weightOf(step.slug) * step.feeling!, 0) / totalWeight : 0;
  return {
    grade: clamp(Math.round(7.1 + 1.3 * average + normal(random) * 0.9), 1, 10),
    effort: clamp(Math.round(5 + 1.1 * average + normal(random) * 0.9), 1, 7),
    steps,
  };
}

/** The story's items, asked from the start of the history (a second run finds them asked). */
function askStoryItems(db: Db, story: StoryJourney, journeyId: number, touchpoints: Touchpoint[], start: Date): void {
  db.transaction((tx) => {
    const asked = activeJourneyItems(tx, journeyId);
    for (const item of story.items) {
      const touchpointId = item.step === undefined ? null : (touchpoints.find((touchpoint) => touchpoint.slug === item.step)?.id ?? null);
      if (asked.some((entry) => entry.itemCode === item.code && entry.touchpointId === touchpointId)) continue;
      addJourneyItem(tx, journeyId, item.code, touchpointId, start);
    }
  });
}

/**
 * The item answers: each leans on its step's feeling (or the average of the steps at journey
 * level), moved by the story; an item with a grade weight moves the grade (a planted item driver).
 */
export function answerItems(random: () => number, story: StoryJourney, askedItems: AskedItem[], asked: Touchpoint[], survey: ReturnType<typeof answerSurvey>) {
  const feelingOf = new Map(asked.map((touchpoint, index) => [touchpoint.id, survey.steps[index]?.feeling ?? null]));
  const given = survey.steps.flatMap((step) => (step.feeling === null ? [] : [step.feeling]));
  const average = given.length ? given.reduce((total, feeling) => total + feeling, 0) / given.length : 0;
  let grade = survey.grade;
  const items = askedItems.map(({ code, touchpointId }) => {
    const plan = story.items.find((item) => item.code === code && (item.step === undefined) === (touchpointId === null));
    const scale = bankItem(code)?.scale ?? 'eens-1-5';
    const leaning = plan?.gradeWeight ? 0.3 * average : ((touchpointId === null ? average : feelingOf.get(touchpointId)) ?? average);
    const latent = leaning + (plan?.shift ?? 0) + normal(random) * (plan?.gradeWeight ? 0.9 : 0.7);
    if (plan?.gradeWeight) grade = clamp(Math.round(grade + plan.gradeWeight * latent), 1, 10);
    const value =
      scale === 'ja-deels-nee'
        ? latent > 0.2 ? 3 : latent > -0.6 ? 2 : 1
        : scale === 'cijfer-1-10'
          ? clamp(Math.round(7.2 + 1.1 * latent), 1, 10)
          : random() < 0.04 ? null : clamp(Math.round(3.4 + 0.9 * latent), 1, 5);
    return { code, touchpointId, value };
  });
  return { ...survey, grade, items };
}
