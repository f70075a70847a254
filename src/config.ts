import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default('./data/meethuis.db'),
    PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    SMTP_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^smtps?$/ }).optional()),
    MAIL_FROM: z.string().min(3).default('meethuis <noreply@meethuis.localhost>'),
    ORGANISATION_NAME: z.string().min(1).default('Gemeente Voorbeeld'),
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
    DEMO_JOURNEYS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
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
