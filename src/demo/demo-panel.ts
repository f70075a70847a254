import { and, eq, gte, type SQL } from 'drizzle-orm';
import { addDays, type Clock } from '../clock';
import { consentText } from '../consent-text';
import type { Db, Tx } from '../db/client';
import { outbox, panelMembers, studyParticipants } from '../db/schema';
import { findJourneyBySlug } from '../journeys/journeys';
import { parseConsent } from '../panel/consent-form';
import {
  answerStudy,
  confirmMembership,
  createStudy,
  inviteToStudy,
  listMembers,
  markInterviewed,
  type PanelContact,
  type PanelDeps,
  signUp,
  studyParticipantsOf,
  withdrawByLink,
} from '../panel/panel';
import { seededRandom } from '../seeded-random';
import { dutch } from '../texts/citizen';
import { nextOutboxId } from './demo-history';

/*
 * The consent panel of the demo: some respondents tick the consent box in their survey, most click
 * the confirmation link in their mail, a few withdraw later, and a researcher invites some of them
 * to talk about the moving confirmation (the story's dip that has a plan but no fix yet). All of it
 * through the functions the survey, the panel links and the researchers' pages use.
 */

/** About this many respondents of the whole history give consent. */
const SIGN_UPS = 45;
const NEVER_CONFIRM = 0.1;
const WITHDRAWALS = 3;
const STUDY = {
  journey: 'verhuizing-doorgeven',
  touchpoint: 'bevestiging',
  title: 'Gesprekken over de bevestiging van een verhuizing',
  purpose: 'Begrijpen waarom inwoners na het doorgeven van hun verhuizing onzeker zijn, vóór de bevestiging binnen 5 werkdagen wordt ingevoerd.',
  invitationText:
    'U gaf in onze vragenlijst aan dat we u mogen benaderen. We willen graag een half uur met u praten over de bevestiging van uw verhuizing: wat u verwachtte en wat er gebeurde. Het gesprek is op het stadskantoor of via video, wanneer het u uitkomt.',
  invited: 6,
};

const firstNames = ['Anouk', 'Bram', 'Fatima', 'Henk', 'Ilse', 'Jeroen', 'Kees', 'Lotte', 'Mehmet', 'Noor', 'Priya', 'Ruud', 'Sanne', 'Tim', 'Wilma', 'Youssef'];
/** Surnames nobody has, so no demo member is mistaken for a real person. */
const lastNames = ['Voorbeeld', 'de Proef', 'van Demo', 'Testeling', 'Fictief', 'van Verzinsel', 'Oefenaar', 'de Schets'];

export interface DemoPanelReport {
  signedUp: number;
  confirmed: number;
  withdrawn: number;
  invited: number;
}

export interface DemoConsent {
  contact: PanelContact;
  shownTextHash: string;
}

export interface DemoPanel {
  /** The consent block a respondent sends with the survey (parsed as the survey form's), or undefined when they leave it. */
  consentOf(email: string): DemoConsent | undefined;
  /** Signs the respondent up inside the survey's transaction, as the survey page does. */
  signUp(tx: Tx, stored: { responseId: number; journeyId: number }, consent: DemoConsent): number;
  /** The respondent clicks the confirmation link in their mail a little later (unless that lies after now, or never). */
  confirmLater(memberId: number, signedUpAt: Date): void;
  /** A few withdraw by their link, and a researcher runs a small study; returns what happened. */
  finish(): DemoPanelReport;
}

function contactOf(body: Record<string, string>): PanelContact {
  const parsed = parseConsent(body, dutch.texts);
  if (!parsed.ok || !parsed.consent) throw new Error(`The demo's consent block was refused: ${JSON.stringify(parsed)}`);
  return parsed.consent.contact;
}

/**
 * The token of a link in a member's panel mail, exactly as the citizen would click it. The mail is
 * no older than `fromId`: the outbox has no index by member, and a range of ids spares a scan of it.
 */
function linkInMail(db: Db, fromId: number, where: SQL | undefined, path: string): string | undefined {
  const mail = db.select({ text: outbox.textBody }).from(outbox).where(and(gte(outbox.id, fromId), where)).get();
  return new RegExp(`/burgerpanel/${path}/([A-Za-z0-9_-]+)`).exec(mail?.text ?? '')?.[1];
}

/**
 * The demo's panel, or undefined when the database has panel members already: a second demo run
 * adds none. `clock` is the history's clock, moved here to each step's moment.
 */
export function startDemoPanel(
  db: Db,
  deps: Omit<PanelDeps, 'clock'>,
  clock: Clock & { current: Date },
  options: { seed: number; responses: number },
  realNow: Date,
): DemoPanel | undefined {
  if (db.select({ id: panelMembers.id }).from(panelMembers).limit(1).get()) return undefined;
  // A stream of its own, so the history's answers stay the same with or without the panel.
  const random = seededRandom(options.seed + 2);
  const panelDeps = { ...deps, clock };
  // The demo's respondents answer in Dutch.
  const shownTextHash = consentText(deps.config, dutch).hash;
  const chance = Math.min(0.5, SIGN_UPS / options.responses);
  const report: DemoPanelReport = { signedUp: 0, confirmed: 0, withdrawn: 0, invited: 0 };
  const confirmed: { memberId: number; at: Date }[] = [];
  /** Per member, the first outbox id of its mails. */
  const firstMail = new Map<number, number>();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  return {
    consentOf(email) {
      if (random() >= chance) return undefined;
      const body: Record<string, string> = { 'panel-consent': 'ja', 'panel-email': email, 'panel-name': `${pick(firstNames)} ${pick(lastNames)}` };
      if (random() < 0.5) body['panel-contact'] = 'e-mail';
      return { contact: contactOf(body), shownTextHash };
    },
    signUp(tx, stored, consent) {
      report.signedUp++;
      const fromId = nextOutboxId(db);
      const memberId = signUp(tx, panelDeps, { ...stored, ...consent, language: dutch });
      firstMail.set(memberId, fromId);
      return memberId;
    },
    confirmLater(memberId, signedUpAt) {
      if (random() < NEVER_CONFIRM) return;
      const at = new Date(signedUpAt.getTime() + (0.2 + random() * random() * 60) * 3_600_000);
      if (at > realNow) return;
      const token = linkInMail(db, firstMail.get(memberId)!, and(eq(outbox.panelMemberId, memberId), eq(outbox.kind, 'panel-confirmation')), 'bevestigen');
      if (!token) throw new Error(`No confirmation link in the mail of panel member ${memberId}`);
      clock.current = at;
      if (confirmMembership(db, panelDeps, token).state !== 'confirmed') return;
      report.confirmed++;
      confirmed.push({ memberId, at });
    },
    finish() {
      const studyAt = addDays(realNow, -12);
      runStudy(db, panelDeps, random, studyAt, report);
      // A few leave again, by the withdrawal link every panel mail carries; never the ones just invited.
      const invited = new Set(db.select({ memberId: studyParticipants.memberId }).from(studyParticipants).all().map((row) => row.memberId));
      const leaving = confirmed.filter(({ memberId }) => !invited.has(memberId));
      for (let i = 0; i < WITHDRAWALS && leaving.length > 0; i++) {
        const { memberId, at } = leaving.splice(Math.floor(random() * leaving.length), 1)[0]!;
        const token = linkInMail(db, firstMail.get(memberId)!, eq(outbox.panelMemberId, memberId), 'afmelden');
        if (!token) continue;
        clock.current = new Date(at.getTime() + random() * (realNow.getTime() - at.getTime()));
        withdrawByLink(db, panelDeps, token);
        report.withdrawn++;
      }
      clock.current = realNow;
      return report;
    },
  };
}

/**
 * The researcher's study: members who felt negative at the moving confirmation (found with the
 * researchers' own search), invited twelve days ago; some said yes, one no, one was interviewed.
 */
function runStudy(db: Db, deps: PanelDeps & { clock: { current: Date } }, random: () => number, at: Date, report: DemoPanelReport): void {
  const found = findJourneyBySlug(db, STUDY.journey);
  const touchpoint = found?.touchpoints.find((candidate) => candidate.slug === STUDY.touchpoint);
  if (!found || !touchpoint) return;
  deps.clock.current = at;
  const negative = listMembers(db, deps, { journeyId: found.journey.id, touchpointId: touchpoint.id, feeling: 'negative' });
  const others = listMembers(db, deps, { journeyId: found.journey.id }).filter((row) => !negative.some((n) => n.id === row.id));
  const chosen = [...negative, ...others].slice(0, STUDY.invited).map((row) => row.id);
  if (chosen.length === 0) return;
  const study = createStudy(db, at, { title: STUDY.title, purpose: STUDY.purpose, journeyId: found.journey.id, invitationText: STUDY.invitationText, createdBy: null });
  const fromId = nextOutboxId(db);
  report.invited = inviteToStudy(db, deps, study.id, chosen).invited.length;
  // The answers come in over the next days: yes, yes, no, yes, and the rest not yet.
  const answers = [true, true, false, true];
  studyParticipantsOf(db, study.id).forEach((participant, index) => {
    const accept = answers[index];
    if (accept === undefined) return;
    const token = linkInMail(db, fromId, and(eq(outbox.panelParticipantId, participant.id), eq(outbox.kind, 'panel-invitation')), 'onderzoek');
    if (!token) return;
    deps.clock.current = new Date(at.getTime() + (index + 1 + random()) * 86_400_000);
    answerStudy(db, deps, token, accept);
    if (index === 0) markInterviewed(db, study.id, participant.id);
  });
}
