import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalText = (max: number) => z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(max).optional());
// Letters, digits and hyphens in dot-separated labels (a domain name, or a DKIM selector).
const dnsName = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const optionalEmail = z.preprocess(emptyAsUndefined, z.string().trim().max(254).pipe(z.email()).optional());
// The mailbox bounces are read from: the user must be in the URL (the password may be empty for a trusted local server).
const imapUrl = z
  .url({ protocol: /^imaps?$/, abort: true, error: 'must be an imap:// or imaps:// URL, e.g. imaps://user:password@mail.gemeente.nl:993/INBOX' })
  .refine((url) => new URL(url).hostname !== '', 'must name the mail server: imaps://user:password@mail.gemeente.nl:993/INBOX')
  .refine((url) => new URL(url).username !== '', 'must name the mailbox user: imaps://user:password@host:993/INBOX (user and password URL-encoded)');

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default('./data/meethuis.db'),
    PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    SMTP_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^smtps?$/ }).optional()),
    MAIL_FROM: z.string().min(3).default('meethuis <noreply@meethuis.localhost>'),
    // Bounces (docs/surveys-and-mail.md#bounces): every mail's envelope sender becomes this address with a
    // per-mail tag (bounces+<tag>@…); the listener on BOUNCE_SMTP_PORT receives the bounces.
    MAIL_BOUNCE_ADDRESS: z.preprocess(emptyAsUndefined, z.string().trim().max(200).pipe(z.email()).refine((address) => !address.split('@')[0]!.includes('+'), 'must have no + in its local part: the tag goes there').optional()),
    BOUNCE_SMTP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
    BOUNCE_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
    // Bounces read from an IMAP mailbox every minute (src/mail/bounce-mailbox.ts); the path names the mailbox (default INBOX).
    BOUNCE_IMAP_URL: z.preprocess(emptyAsUndefined, imapUrl.optional()),
    // DKIM signing (src/mail/dkim.ts): domain and selector together; the key defaults to the one
    // `mail dkim-key` generates in the data directory.
    DKIM_DOMAIN: z.preprocess(emptyAsUndefined, z.string().trim().toLowerCase().regex(dnsName, 'must be a domain name such as gemeente.nl').optional()),
    DKIM_SELECTOR: z.preprocess(emptyAsUndefined, z.string().trim().toLowerCase().regex(dnsName, 'must be a DNS label such as meethuis1').optional()),
    DKIM_PRIVATE_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    ORGANISATION_NAME: z.string().min(1).default('Gemeente Voorbeeld'),
    // Extra citizen languages (<code>.json, see docs/surveys-and-mail.md); defaults to talen/ beside the database.
    LANGUAGES_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    // Organisation details for the privacy and accessibility statements (each optional).
    ORGANISATION_EMAIL: optionalEmail,
    ORGANISATION_PHONE: optionalText(40),
    ORGANISATION_ADDRESS: optionalText(200),
    ORGANISATION_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    // The data protection officer (functionaris gegevensbescherming, FG).
    PRIVACY_OFFICER_EMAIL: optionalEmail,
    // DigiToegankelijk status: A voldoet volledig … E voldoet niet; C until an audit showed more.
    ACCESSIBILITY_STATUS: z.enum(['A', 'B', 'C', 'D', 'E']).default('C'),
    ACCESSIBILITY_STATEMENT_DATE: z.preprocess(emptyAsUndefined, z.iso.date().optional()),
    // Secret key for the keyed hash of e-mail addresses; generated once when not given.
    ADDRESS_HASH_KEY: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
    // Key that encrypts stored second-factor secrets; generated once when not given.
    DATA_KEY: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
    // Behind a reverse proxy: take the client address from X-Forwarded-For (for rate limits and the audit log).
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_MAX_HOURS: positiveInt(12),
    EVENTS_PER_MINUTE_PER_KEY: positiveInt(600),
    // No aggregate of fewer answers than this is shown or exported: honest statistics and privacy.
    MIN_GROUP_SIZE: positiveInt(10),
    // The rapportcijfer target drawn on the trend chart (a 7 is the usual Dutch target).
    TARGET_GRADE: z.coerce.number().min(1).max(10).default(7),
    FATIGUE_DAYS: positiveInt(90),
    INVITATION_EXPIRY_DAYS: positiveInt(30),
    REMINDER_AFTER_DAYS: positiveInt(5),
    // Consent panel: contact caps per member, consent duration, and the window to confirm a sign-up.
    PANEL_MAX_CONTACTS_PER_YEAR: positiveInt(2),
    PANEL_MIN_DAYS_BETWEEN_CONTACTS: positiveInt(30),
    PANEL_CONSENT_MONTHS: positiveInt(12),
    PANEL_CONFIRM_DAYS: positiveInt(7),
    // Call-back requests: the service norm in working hours (16 = two working days of 09:00–17:00),
    // the grade at or below which the survey offers the question, and the attempts before "unreachable".
    CALLBACK_SLA_HOURS: positiveInt(16),
    CALLBACK_GRADE_THRESHOLD: z.coerce.number().int().min(1).max(10).default(5),
    CALLBACK_MAX_ATTEMPTS: positiveInt(3),
    // SIGTERM/SIGINT: requests and the mail in flight get this long to finish before the process exits anyway.
    SHUTDOWN_TIMEOUT_SECONDS: positiveInt(20),
    // Retention (bewaartermijnen), applied by the hourly privacy job (src/privacy/retention.ts).
    RETENTION_RESPONSES_MONTHS: positiveInt(24),
    // Open-text comments may go sooner than the scores they belong to; defaults to the responses' term.
    RETENTION_COMMENTS_MONTHS: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
    // BIO 5.28.01: logging kept at least three years.
    RETENTION_AUDIT_MONTHS: z.coerce.number().int().min(36, 'must be at least 36 (BIO: logs are kept at least three years)').default(36),
    RETENTION_MAIL_DAYS: positiveInt(30),
    // Contact details of a call-back request go when it is closed, and at the latest after this.
    RETENTION_CALLBACK_DAYS: positiveInt(30),
    // 0: personal fields leave a raw event payload at the first run after it was processed.
    RETENTION_EVENT_PAYLOAD_DAYS: z.coerce.number().int().min(0).default(0),
    // Open Klant registers a contact's betrokkene and e-mail address after the contact itself:
    // a contact without an address yet is looked at again for this long before it is skipped.
    ZGW_ADDRESS_WAIT_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
    DEMO_JOURNEYS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
  })
  .refine((env) => env.RETENTION_COMMENTS_MONTHS === undefined || env.RETENTION_COMMENTS_MONTHS <= env.RETENTION_RESPONSES_MONTHS, {
    path: ['RETENTION_COMMENTS_MONTHS'],
    message: 'must not be longer than RETENTION_RESPONSES_MONTHS (comments go with their response)',
  })
  .refine((env) => env.BOUNCE_SMTP_PORT === undefined || env.MAIL_BOUNCE_ADDRESS !== undefined, {
    path: ['BOUNCE_SMTP_PORT'],
    message: 'needs MAIL_BOUNCE_ADDRESS: the listener accepts mail only for that address with a tag',
  })
  .refine((env) => (env.DKIM_DOMAIN === undefined) === (env.DKIM_SELECTOR === undefined), {
    path: ['DKIM_SELECTOR'],
    message: 'DKIM_DOMAIN and DKIM_SELECTOR are set together (or neither)',
  })
  .refine((env) => env.DKIM_PRIVATE_KEY_FILE === undefined || env.DKIM_DOMAIN !== undefined, {
    path: ['DKIM_PRIVATE_KEY_FILE'],
    message: 'needs DKIM_DOMAIN and DKIM_SELECTOR',
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    RETENTION_COMMENTS_MONTHS: env.RETENTION_COMMENTS_MONTHS ?? env.RETENTION_RESPONSES_MONTHS,
    LANGUAGES_DIR: env.LANGUAGES_DIR ?? join(dirname(resolve(env.DATABASE_PATH)), 'talen'),
  }));

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment once; every problem is reported by name so an operator can fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * Said beside links the CLI prints (and by a server without PUBLIC_URL): the CLI builds them from
 * its own environment, which need not be the running server's (a PORT set only in its shell).
 */
export function linkBaseNote(publicUrl: string): string {
  return `(Links use ${publicUrl}: set PUBLIC_URL, or PORT, in .env so the CLI and the server build the same links.)`;
}

/**
 * Loads `.env` (or the file named by ENV_FILE; an empty ENV_FILE reads none) into process.env
 * when it exists, for the server and the CLI alike, so both build the same links. A variable
 * already set in the shell wins. Without the file nothing is printed: having none is normal.
 */
export function loadEnvFileIfPresent(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.ENV_FILE ?? '.env';
  if (!path || !existsSync(path)) return undefined;
  process.loadEnvFile(path);
  return path;
}

/** The statements tell citizens how to reach the organisation: without any of these they cannot. */
export function organisationContactMissing(config: Pick<Config, 'ORGANISATION_EMAIL' | 'ORGANISATION_PHONE' | 'ORGANISATION_ADDRESS' | 'ORGANISATION_URL'>): boolean {
  return !config.ORGANISATION_EMAIL && !config.ORGANISATION_PHONE && !config.ORGANISATION_ADDRESS && !config.ORGANISATION_URL;
}
