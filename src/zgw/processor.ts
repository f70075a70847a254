import { eq, sql } from 'drizzle-orm';
import { amsterdamWallClock, parseDay } from '../calendar';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { zgwCases, zgwNotifications, zgwSubscriptions, type Touchpoint, type ZgwNotification, type ZgwOutcome } from '../db/schema';
import { createInvitation, type InvitationDeps } from '../invitations/invitations';
import { findJourneyWithTouchpoints } from '../journeys/journeys';
import { formatDateTime, nl } from '../texts';
import { invitedCase } from './cases';
import { claimNotification, dueNotifications } from './inbox';
import { hasIdentificatieMappings, mappingForIdentificatie, mappingForOnderwerp, mappingForZaaktypeUrl, type MappingTarget } from './mappings';
import { kindOf } from './notification';
import {
  betrokkeneSchema,
  channelOf,
  communicatiekanaalSchema,
  digitaalAdresSchema,
  klantcontactSchema,
  languageOf,
  lastSegment,
  leadTimeDaysOf,
  partijSchema,
  read,
  rolSchema,
  statusSchema,
  statustypeSchema,
  validEmail,
  zaakSchema,
  zaaktypeSchema,
} from './resources';
import { credentialsOf } from './subscriptions';
import { ZgwClient, ZgwConfigurationError, ZgwForeignUrlError } from './zgw-client';

export interface ZgwDeps extends InvitationDeps {
  config: InvitationDeps['config'] & Pick<Config, 'ZGW_ADDRESS_WAIT_MINUTES'>;
  /** Decrypts the subscriptions' secrets. */
  dataKey: string;
  /** Per request to a ZGW API. */
  timeoutMs?: number;
}

/** Why a notification led to no invitation; shown to admins (texts: nl.zgw.skipReasons). */
export type SkipReason =
  | 'not-final'
  | 'unmapped'
  // Before cases without an address were recorded as not invitable (suppressed), they were skipped: old rows keep it.
  | 'no-address'
  | 'not-relevant'
  | 'foreign-url'
  | 'subscription-revoked'
  | 'no-klantinteracties-api'
  | 'no-touchpoints';

type Verdict =
  | { status: 'skipped'; reason: SkipReason; detail?: string | null; caseReference?: string | null }
  | { status: 'done'; outcome: ZgwOutcome; detail?: string | null; caseReference: string; invitationId: number };

/** 30 s, 1, 2, 4 … minutes, at most an hour apart; given up after MAX_ZGW_ATTEMPTS (about 14 hours). */
export const MAX_ZGW_ATTEMPTS = 20;
export function zgwRetryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000);
}

/** How long a claimed notification is left to its worker before another may take it (a crash). */
const LEASE_MS = 5 * 60_000;

class Skip extends Error {
  constructor(
    readonly reason: SkipReason,
    readonly detail?: string | null,
    readonly caseReference?: string | null,
  ) {
    super(reason);
  }
}

/**
 * Open Klant has no e-mail address for the contact yet: its betrokkene and addresses are separate
 * requests after the klantcontact, often later than the notification. Looked at again until `until`.
 */
class AwaitingAddress extends Error {
  constructor(
    readonly until: Date,
    readonly caseReference: string,
  ) {
    super('awaiting address');
  }
}

interface Found {
  objectUrl: string;
  kind: 'zaak' | 'klantcontact';
  reference: string;
  /** The subscription's organisation: its journeys, in its name. */
  organisationId: number;
  mapping: MappingTarget;
  /** Undefined: no address anywhere; the case is recorded as not invitable (counted on the dashboard). */
  email: string | undefined;
  language: string;
  channel: string | null;
  leadTimeDays: number | null;
  closedAt: Date;
  /** Contact surveys ask about the step on the contact's channel when no step is mapped. */
  preferChannelStep: boolean;
}

/** The moment the zaak ended: when its end status was set, else its einddatum (midday), else when we heard. */
function closedAtOf(datumStatusGezet: string | null | undefined, einddatum: string | null | undefined, fallback: Date): Date {
  const set = datumStatusGezet ? new Date(datumStatusGezet) : undefined;
  if (set && !Number.isNaN(set.getTime())) return set;
  const day = einddatum ? parseDay(einddatum.slice(0, 10)) : undefined;
  return day ? amsterdamWallClock(day.year, day.month, day.day, 12) : fallback;
}

async function zaakFound(
  db: Db,
  deps: ZgwDeps,
  client: ZgwClient,
  organisationId: number,
  row: ZgwNotification,
  zaakUrl: string,
  datumStatusGezet?: string | null,
): Promise<Found | Verdict> {
  const zaak = read(zaakSchema, await client.get('zaken', zaakUrl, { headers: { 'Accept-Crs': 'EPSG:4326' } }), 'zaak');
  const reference = zaak.identificatie?.trim() || lastSegment(zaakUrl);
  // Reconciliation starts from the zaak: closed means an einddatum is set.
  if (row.source === 'reconcile' && !zaak.einddatum) throw new Skip('not-final', null, reference);

  let mapping = mappingForZaaktypeUrl(db, organisationId, zaak.zaaktype);
  let identificatie: string | null | undefined;
  if (!mapping && hasIdentificatieMappings(db, organisationId)) {
    identificatie = read(zaaktypeSchema, await client.get('catalogi', zaak.zaaktype), 'zaaktype').identificatie;
    if (identificatie) mapping = mappingForIdentificatie(db, organisationId, identificatie);
  }
  if (!mapping) throw new Skip('unmapped', identificatie ? `${zaak.zaaktype} (${identificatie})` : zaak.zaaktype, reference);

  const seen = invitedCase(db, deps.addressHashKey, zaakUrl);
  if (seen) return { status: 'done', outcome: 'already-invited', caseReference: reference, invitationId: seen.invitationId };

  const rollen = await client.list('zaken', `${client.baseOf('zaken')}/rollen`, { query: { zaak: zaakUrl, omschrijvingGeneriek: 'initiator' } });
  let email: string | undefined;
  for (const item of rollen) {
    const rol = read(rolSchema, item, 'rol');
    // Open Zaak applies the filter (and answers 400 to one it does not know); this guards against other servers.
    if (rol.omschrijvingGeneriek && rol.omschrijvingGeneriek !== 'initiator') continue;
    email = validEmail(rol.contactpersoonRol?.emailadres);
    // A registration that links the initiator to Open Klant keeps the e-mail address on the partij.
    if (!email && rol.betrokkene && isPartij(client, rol.betrokkene)) email = await partijEmail(client, rol.betrokkene);
    if (email) break;
  }
  return {
    objectUrl: zaakUrl,
    kind: 'zaak',
    reference,
    organisationId,
    mapping,
    email,
    language: 'nl',
    channel: channelOf(zaak.communicatiekanaalNaam?.trim() || (await communicatiekanaalNaam(client, zaak.communicatiekanaal))),
    leadTimeDays: leadTimeDaysOf(zaak, datumStatusGezet),
    closedAt: closedAtOf(datumStatusGezet, zaak.einddatum, row.aanmaakdatum),
    preferChannelStep: false,
  };
}

/**
 * The name behind a communicatiekanaal URL (Referentielijsten API) when that lies within one of
 * the subscription's APIs; otherwise, or when it cannot be read, the channel stays unknown: it is
 * a detail of the invitation, not a reason to hold it up.
 */
async function communicatiekanaalNaam(client: ZgwClient, url: string | null | undefined): Promise<string | null> {
  const api = url ? client.apiOf(url) : undefined;
  if (!url || !api) return null;
  try {
    return read(communicatiekanaalSchema, await client.get(api, url), 'communicatiekanaal').naam ?? null;
  } catch (error) {
    if (error instanceof ZgwConfigurationError) throw error;
    return null;
  }
}

const isPartij = (client: ZgwClient, url: string) => client.apiOf(url) === 'klantinteracties' && /\/partijen\/[^/]+\/?$/.test(new URL(url).pathname);

/** The usable e-mail address among these: the preferred one first, then the standaard adres, then in order. */
function emailAmong(addresses: { url?: string; adres: string; soortDigitaalAdres: string; isStandaardAdres?: boolean | null }[], preferred?: string): string | undefined {
  const rank = (address: (typeof addresses)[number]) => (preferred && address.url === preferred ? 2 : 0) + (address.isStandaardAdres ? 1 : 0);
  return addresses
    .filter((address) => address.soortDigitaalAdres === 'email')
    .sort((a, b) => rank(b) - rank(a))
    .map((address) => validEmail(address.adres))
    .find(Boolean);
}

/**
 * A citizen's own e-mail address in Open Klant: the partij's addresses (verstrektDoorPartij),
 * its voorkeursDigitaalAdres first, then its standaard adres.
 */
async function partijEmail(client: ZgwClient, partijUrl: string): Promise<string | undefined> {
  const partij = read(partijSchema, await client.get('klantinteracties', partijUrl), 'partij');
  const addresses = await client.list('klantinteracties', `${client.baseOf('klantinteracties')}/digitaleadressen`, { query: { verstrektDoorPartij__url: partijUrl } });
  return emailAmong(
    addresses.map((item) => read(digitaalAdresSchema, item, 'digitaal adres')),
    partij.voorkeursDigitaalAdres?.url,
  );
}

/** zaken / status / create: the status, its type, and when that is the end status, the zaak. */
async function zaakStatus(db: Db, deps: ZgwDeps, client: ZgwClient, organisationId: number, row: ZgwNotification): Promise<Found | Verdict> {
  const status = read(statusSchema, await client.get('zaken', row.resourceUrl), 'status');
  const statustype = read(statustypeSchema, await client.get('catalogi', status.statustype), 'statustype');
  if (!statustype.isEindstatus) throw new Skip('not-final', statustype.omschrijving ?? null);
  return zaakFound(db, deps, client, organisationId, row, status.zaak ?? row.hoofdObject, status.datumStatusGezet);
}

/**
 * klantcontacten / klantcontact / create: the contact, its mapping (by hoofdOnderwerpType, a
 * zaaktype URL, else by onderwerp), and the e-mail address of who took part: the betrokkene's own
 * for this contact, else their partij's. Open Klant registers betrokkene and addresses after the
 * contact, so "none yet" is looked at again for ZGW_ADDRESS_WAIT_MINUTES before it is a skip.
 */
async function klantcontact(db: Db, deps: ZgwDeps, client: ZgwClient, organisationId: number, row: ZgwNotification): Promise<Found | Verdict> {
  const base = client.baseOf('klantinteracties');
  if (!base) throw new Skip('no-klantinteracties-api');
  const contact = read(klantcontactSchema, await client.get('klantinteracties', row.resourceUrl), 'klantcontact');
  const number = contact.referentienummer?.trim() || contact.nummer?.trim();
  const reference = number ? `KC-${number}` : lastSegment(row.resourceUrl);
  const onderwerpType = contact.hoofdOnderwerpType?.trim() || row.kenmerken.hoofdOnderwerpType?.trim();
  const mapping =
    (onderwerpType ? mappingForZaaktypeUrl(db, organisationId, onderwerpType) : undefined) ??
    (contact.onderwerp ? mappingForOnderwerp(db, organisationId, contact.onderwerp) : undefined);
  if (!mapping) throw new Skip('unmapped', contact.onderwerp?.trim() || onderwerpType || null, reference);

  const seen = invitedCase(db, deps.addressHashKey, row.resourceUrl);
  if (seen) return { status: 'done', outcome: 'already-invited', caseReference: reference, invitationId: seen.invitationId };

  const betrokkenen = (await client.list('klantinteracties', `${base}/betrokkenen`, { query: { hadKlantcontact__url: row.resourceUrl, expand: 'digitaleAdressen' } })).map(
    (item) => read(betrokkeneSchema, item, 'betrokkene'),
  );
  // The citizen: the initiator first, then anyone in the role of klant.
  const ordered = [...betrokkenen.filter((b) => b.initiator), ...betrokkenen.filter((b) => !b.initiator && (b.rol ?? 'klant') === 'klant')];
  let email: string | undefined;
  for (const betrokkene of ordered) {
    const addresses =
      betrokkene._expand?.digitaleAdressen ??
      (await Promise.all((betrokkene.digitaleAdressen ?? []).map(async (ref) => read(digitaalAdresSchema, await client.get('klantinteracties', ref.url), 'digitaal adres'))));
    email = emailAmong(addresses) ?? (betrokkene.wasPartij?.url ? await partijEmail(client, betrokkene.wasPartij.url) : undefined);
    if (email) break;
  }
  if (!email) {
    const until = new Date(row.receivedAt.getTime() + deps.config.ZGW_ADDRESS_WAIT_MINUTES * 60_000);
    if (deps.clock.now() < until) throw new AwaitingAddress(until, reference);
  }

  const at = contact.plaatsgevondenOp ? new Date(contact.plaatsgevondenOp) : undefined;
  return {
    objectUrl: row.resourceUrl,
    kind: 'klantcontact',
    reference,
    organisationId,
    mapping,
    email,
    language: languageOf(contact.taal),
    channel: channelOf(contact.kanaal),
    leadTimeDays: null,
    closedAt: at && !Number.isNaN(at.getTime()) ? at : row.aanmaakdatum,
    preferChannelStep: true,
  };
}

/** The steps to ask about: the mapped step; for a contact the step on its channel; else the default steps. */
function stepsFor(found: Found, touchpoints: Touchpoint[]): Touchpoint[] {
  if (found.mapping.touchpointId !== null) {
    const mapped = touchpoints.find((touchpoint) => touchpoint.id === found.mapping.touchpointId);
    if (mapped) return [mapped];
  }
  if (found.preferChannelStep && found.channel) {
    const onChannel = touchpoints.find((touchpoint) => touchpoint.channel === found.channel);
    if (onChannel) return [onChannel];
  }
  return touchpoints.filter((touchpoint) => touchpoint.askedByDefault);
}

/**
 * The same path as a `case.closed` event: the journey's steps, fatigue and opt-out checks, the
 * invitation and its mails (createInvitation), in one transaction with the record that this zaak
 * was invited (unique per zaak) and the notification's outcome. A second attempt finds the zaak.
 */
function invite(db: Db, deps: ZgwDeps, row: ZgwNotification, found: Found, now: Date): Verdict {
  const journey = findJourneyWithTouchpoints(db, found.mapping.journeyId, found.organisationId);
  const steps = journey ? stepsFor(found, journey.touchpoints) : [];
  if (!journey || steps.length === 0) throw new Skip('no-touchpoints', journey?.journey.slug ?? null, found.reference);
  return db.transaction((tx) => {
    const seen = invitedCase(tx, deps.addressHashKey, found.objectUrl);
    const verdict: Verdict = seen
      ? { status: 'done', outcome: 'already-invited', caseReference: found.reference, invitationId: seen.invitationId }
      : (() => {
          const outcome = createInvitation(tx, deps, {
            journey: journey.journey,
            touchpoints: steps,
            caseReference: found.reference,
            ...(found.email ? { email: found.email } : { delivery: 'none' as const }),
            language: found.language,
            segment: {},
            channel: found.channel,
            leadTimeDays: found.leadTimeDays,
            caseClosedAt: found.closedAt,
            organisationId: found.organisationId,
          });
          tx.insert(zgwCases)
            .values({
              objectUrl: found.objectUrl,
              kind: found.kind,
              reference: found.reference,
              subscriptionId: row.subscriptionId,
              notificationId: row.id,
              invitationId: outcome.invitationId,
              createdAt: now,
            })
            .run();
          return outcome.status === 'accepted'
            ? { status: 'done', outcome: 'invited', caseReference: found.reference, invitationId: outcome.invitationId }
            : { status: 'done', outcome: 'suppressed', detail: outcome.reason, caseReference: found.reference, invitationId: outcome.invitationId };
        })();
    settle(tx as unknown as Db, row, verdict, now);
    return verdict;
  });
}

function settle(db: Db, row: ZgwNotification, verdict: Verdict, now: Date): void {
  db.update(zgwNotifications)
    .set({
      status: verdict.status,
      attempts: row.attempts + 1,
      outcome: verdict.status === 'done' ? verdict.outcome : null,
      skipReason: verdict.status === 'skipped' ? verdict.reason : null,
      detail: verdict.detail?.slice(0, 500) ?? null,
      caseReference: verdict.caseReference ?? row.caseReference,
      invitationId: verdict.status === 'done' ? verdict.invitationId : null,
      lastError: null,
      processedAt: now,
    })
    .where(eq(zgwNotifications.id, row.id))
    .run();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 500) || error.name;
  return String(error).slice(0, 500);
}

export type ProcessResult = 'invited' | 'done' | 'skipped' | 'retrying' | 'failed';

/**
 * Processes one (claimed) notification. Never throws: API errors, timeouts and surprises are
 * recorded on the notification and retried with backoff, until MAX_ZGW_ATTEMPTS.
 */
export async function processNotification(db: Db, deps: ZgwDeps, row: ZgwNotification): Promise<ProcessResult> {
  try {
    const subscription = db.select().from(zgwSubscriptions).where(eq(zgwSubscriptions.id, row.subscriptionId)).get();
    const credentials = subscription && credentialsOf(subscription, deps.dataKey);
    if (!credentials) throw new Skip('subscription-revoked');
    const kind = row.source === 'reconcile' ? 'reconcile' : kindOf(row);
    if (!kind) throw new Skip('not-relevant');
    const client = new ZgwClient(credentials, { clock: deps.clock, timeoutMs: deps.timeoutMs });
    const { organisationId } = subscription;
    const found =
      kind === 'reconcile'
        ? await zaakFound(db, deps, client, organisationId, row, row.resourceUrl)
        : kind === 'zaak-status'
          ? await zaakStatus(db, deps, client, organisationId, row)
          : await klantcontact(db, deps, client, organisationId, row);
    const verdict = 'status' in found ? found : invite(db, deps, row, found, deps.clock.now());
    if ('status' in found) settle(db, row, verdict, deps.clock.now());
    return verdict.status === 'done' && verdict.outcome === 'invited' ? 'invited' : verdict.status;
  } catch (error) {
    const now = deps.clock.now();
    if (error instanceof Skip || error instanceof ZgwForeignUrlError) {
      const verdict: Verdict =
        error instanceof Skip
          ? { status: 'skipped', reason: error.reason, detail: error.detail, caseReference: error.caseReference }
          : { status: 'skipped', reason: 'foreign-url', detail: error.url };
      settle(db, row, verdict, now);
      return 'skipped';
    }
    if (error instanceof AwaitingAddress) {
      // Bounded by the wait window, not by MAX_ZGW_ATTEMPTS, and not counted as an attempt: a real
      // error later in a long window still gets its own retries. Looks again after as long as it
      // has waited so far (30 s, 1 min, 2 min, … at most an hour); the last look falls on the end.
      const waited = now.getTime() - row.receivedAt.getTime();
      db.update(zgwNotifications)
        .set({
          nextAttemptAt: new Date(Math.min(now.getTime() + Math.min(Math.max(waited, 30_000), 60 * 60_000), error.until.getTime())),
          lastError: nl.zgw.awaitingAddress(formatDateTime(error.until)),
          caseReference: error.caseReference,
        })
        .where(eq(zgwNotifications.id, row.id))
        .run();
      return 'retrying';
    }
    const attempts = row.attempts + 1;
    // A configuration that cannot work fails at once, with why; retrying would not change it.
    const giveUp = attempts >= MAX_ZGW_ATTEMPTS || error instanceof ZgwConfigurationError;
    db.update(zgwNotifications)
      .set({
        attempts,
        status: giveUp ? 'failed' : 'pending',
        nextAttemptAt: new Date(now.getTime() + zgwRetryDelayMs(attempts)),
        lastError: describe(error),
        processedAt: giveUp ? now : null,
      })
      .where(eq(zgwNotifications.id, row.id))
      .run();
    return giveUp ? 'failed' : 'retrying';
  }
}

export interface ProcessReport {
  invited: number;
  done: number;
  skipped: number;
  retrying: number;
  failed: number;
}

/** Processes the notifications that are due, one at a time (each claimed first). */
export async function processDueNotifications(db: Db, deps: ZgwDeps, batchSize = 20): Promise<ProcessReport> {
  const report: ProcessReport = { invited: 0, done: 0, skipped: 0, retrying: 0, failed: 0 };
  for (const row of dueNotifications(db, deps.clock.now(), batchSize)) {
    if (!claimNotification(db, row, deps.clock.now(), LEASE_MS)) continue;
    const result = await processNotification(db, deps, row);
    report[result]++;
  }
  return report;
}

/** How many notifications are waiting for a first or further attempt (due now or later). */
export function pendingCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(zgwNotifications).where(eq(zgwNotifications.status, 'pending')).get()?.n ?? 0;
}
