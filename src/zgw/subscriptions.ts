import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, zgwSubscriptions, type ZgwSubscription } from '../db/schema';
import { decryptSecret, encryptSecret } from '../secrets';
import { nl } from '../texts';

const t = nl.zgw.errors;
export const SUBSCRIPTION_NAME_MAX = 80;
const TEXT_MAX = 200;
const SECRET_MAX = 1000;

/** An API's base URL, without a trailing slash (http or https only). */
const baseUrl = z
  .string()
  .trim()
  .max(TEXT_MAX, t.tooLong(TEXT_MAX))
  .pipe(z.url({ protocol: /^https?$/, error: t.url }))
  .transform((url) => url.replace(/\/+$/, ''));

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/** What an admin (form) or operator (CLI) gives for a new subscription; messages in Dutch. */
export const subscriptionInputSchema = z
  .object({
    name: z
      .string({ error: t.name })
      .transform((name) => name.trim().replace(/\s+/g, ' '))
      .pipe(z.string().min(1, t.name).max(SUBSCRIPTION_NAME_MAX, t.tooLong(SUBSCRIPTION_NAME_MAX))),
    // The whole header value, e.g. "Token abc…"; kept only as its SHA-256.
    auth: optional(
      z
        .string()
        .trim()
        .min(16, t.auth)
        .max(SECRET_MAX, t.tooLong(SECRET_MAX))
        .refine((value) => !/[\r\n]/.test(value), t.auth),
    ),
    zakenApi: baseUrl,
    catalogiApi: baseUrl,
    klantinteractiesApi: optional(baseUrl),
    clientId: z.string({ error: t.clientId }).trim().min(1, t.clientId).max(TEXT_MAX, t.tooLong(TEXT_MAX)),
    secret: z.string({ error: t.secret }).min(1, t.secret).max(SECRET_MAX, t.tooLong(SECRET_MAX)),
    klantinteractiesToken: optional(z.string().trim().min(1).max(SECRET_MAX, t.tooLong(SECRET_MAX))),
  })
  .refine((input) => !input.klantinteractiesToken || input.klantinteractiesApi, { path: ['klantinteractiesApi'], message: t.token })
  // Open Klant accepts only its Token keys: an API without one could never be read.
  .refine((input) => !input.klantinteractiesApi || input.klantinteractiesToken, { path: ['klantinteractiesToken'], message: t.tokenRequired });

export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;

export class SubscriptionError extends Error {
  constructor(
    readonly field: 'name' | 'auth',
    message: string,
  ) {
    super(message);
  }
}

export const hashAuth = (value: string) => createHash('sha256').update(value.trim(), 'utf8').digest('hex');

/** A strong Authorization value for Open Notificaties to send, when the admin did not choose one. */
export const generateAuthValue = () => `Token ${randomBytes(32).toString('base64url')}`;

/** The active subscriptions of an organisation; without one, of every organisation (the webhook and the background jobs). */
export function activeSubscriptions(db: Db, organisationId?: number): ZgwSubscription[] {
  return db
    .select()
    .from(zgwSubscriptions)
    .where(and(isNull(zgwSubscriptions.revokedAt), organisationId === undefined ? undefined : eq(zgwSubscriptions.organisationId, organisationId)))
    .all();
}

/**
 * Stores a subscription: the Authorization value only as its hash, the secrets encrypted with
 * the data key. Returns the Authorization value (generated when none was given): shown once.
 * Names are unique within the organisation; Authorization values across the installation (the
 * webhook finds the subscription by it).
 */
export function addSubscription(
  db: Db,
  dataKey: string,
  clock: Clock,
  input: z.output<typeof subscriptionInputSchema>,
  organisationId: number = HOSTING_ORGANISATION_ID,
): { subscription: ZgwSubscription; auth: string; generated: boolean } {
  const auth = input.auth ?? generateAuthValue();
  const authHash = hashAuth(auth);
  return db.transaction((tx) => {
    const active = tx.select().from(zgwSubscriptions).where(isNull(zgwSubscriptions.revokedAt)).all();
    if (active.some((row) => row.organisationId === organisationId && row.name.toLowerCase() === input.name.toLowerCase())) throw new SubscriptionError('name', t.nameTaken(input.name));
    if (active.some((row) => sameHash(row.authHash, authHash))) throw new SubscriptionError('auth', t.authTaken);
    const subscription = tx
      .insert(zgwSubscriptions)
      .values({
        name: input.name,
        organisationId,
        authHash,
        zakenApi: input.zakenApi,
        catalogiApi: input.catalogiApi,
        klantinteractiesApi: input.klantinteractiesApi ?? null,
        clientId: input.clientId,
        secret: encryptSecret(dataKey, input.secret),
        klantinteractiesToken: input.klantinteractiesToken ? encryptSecret(dataKey, input.klantinteractiesToken) : null,
        createdAt: clock.now(),
      })
      .returning()
      .get();
    return { subscription, auth, generated: input.auth === undefined };
  });
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The active subscription whose Authorization value this is. Every active one is compared, in
 * constant time, so the answer time tells nothing about how close a guess was.
 */
export function findSubscriptionByAuth(db: Db, header: string): ZgwSubscription | undefined {
  const hash = hashAuth(header);
  let found: ZgwSubscription | undefined;
  for (const subscription of activeSubscriptions(db)) {
    if (sameHash(subscription.authHash, hash) && !found) found = subscription;
  }
  return found;
}

/** Everything about a subscription that may be shown: never the hash or the secrets. */
export interface SubscriptionSummary {
  id: number;
  name: string;
  zakenApi: string;
  catalogiApi: string;
  klantinteractiesApi: string | null;
  hasKlantinteractiesToken: boolean;
  clientId: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const summaryOf = (row: ZgwSubscription): SubscriptionSummary => ({
  id: row.id,
  name: row.name,
  zakenApi: row.zakenApi,
  catalogiApi: row.catalogiApi,
  klantinteractiesApi: row.klantinteractiesApi,
  hasKlantinteractiesToken: row.klantinteractiesToken !== null,
  clientId: row.clientId,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

export function listSubscriptions(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): SubscriptionSummary[] {
  return db
    .select()
    .from(zgwSubscriptions)
    .where(eq(zgwSubscriptions.organisationId, organisationId))
    .orderBy(desc(zgwSubscriptions.createdAt), desc(zgwSubscriptions.id))
    .all()
    .map(summaryOf);
}

/** One of the organisation's subscriptions; undefined for another organisation's. */
export function findSubscription(db: Db, id: number, organisationId: number = HOSTING_ORGANISATION_ID): SubscriptionSummary | undefined {
  const row = db
    .select()
    .from(zgwSubscriptions)
    .where(and(eq(zgwSubscriptions.id, id), eq(zgwSubscriptions.organisationId, organisationId)))
    .get();
  return row && summaryOf(row);
}

/** Revokes at once and erases the stored secrets; false when unknown or already revoked. */
export function revokeSubscription(db: Db, id: number, now: Date): boolean {
  return (
    db
      .update(zgwSubscriptions)
      .set({ revokedAt: now, secret: null, klantinteractiesToken: null })
      .where(and(eq(zgwSubscriptions.id, id), isNull(zgwSubscriptions.revokedAt)))
      .run().changes === 1
  );
}

export interface ZgwCredentials {
  zakenApi: string;
  catalogiApi: string;
  klantinteractiesApi: string | null;
  clientId: string;
  secret: string;
  klantinteractiesToken: string | null;
}

/** The decrypted credentials of an active subscription; undefined once revoked. */
export function credentialsOf(subscription: ZgwSubscription, dataKey: string): ZgwCredentials | undefined {
  if (subscription.revokedAt || !subscription.secret) return undefined;
  return {
    zakenApi: subscription.zakenApi,
    catalogiApi: subscription.catalogiApi,
    klantinteractiesApi: subscription.klantinteractiesApi,
    clientId: subscription.clientId,
    secret: decryptSecret(dataKey, subscription.secret),
    klantinteractiesToken: subscription.klantinteractiesToken ? decryptSecret(dataKey, subscription.klantinteractiesToken) : null,
  };
}
