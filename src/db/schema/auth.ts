import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';

export const roles = ['admin', 'manager', 'researcher', 'kcc'] as const;
export type Role = (typeof roles)[number];

export const users = sqliteTable('users', {
  id: id(),
  // Normalised (trimmed, lower case); personal accounts only.
  email: text('email').notNull().unique(),
  role: text('role', { enum: roles }).notNull(),
  // Staff see and change only their organisation's data (src/organisations/).
  organisationId: organisationId(),
  // scrypt, self-describing ("scrypt$N$r$p$salt$hash"); null until the user set a password through a link.
  passwordHash: text('password_hash'),
  // TOTP secret, encrypted with the data key (AES-256-GCM); confirmed once totpEnabledAt is set.
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at'),
  // The last accepted TOTP time step: a code is never accepted twice.
  totpLastStep: integer('totp_last_step'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until'),
  lastLoginAt: timestamp('last_login_at'),
  createdAt: timestamp('created_at').notNull(),
  disabledAt: timestamp('disabled_at'),
});

export const setupLinkPurposes = ['first-admin', 'set-password'] as const;

/** One-time links: the first admin's, and a new user's "choose your password". Only the hash is kept. */
export const setupLinks = sqliteTable('setup_links', {
  id: id(),
  tokenHash: text('token_hash').notNull().unique(),
  purpose: text('purpose', { enum: setupLinkPurposes }).notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    // SHA-256 of the cookie value: a database leak does not hand out sessions.
    idHash: text('id_hash').primaryKey(),
    userId: foreignId('user_id', () => users.id, { onDelete: 'cascade' }),
    // False between a correct password and a correct second-factor code.
    secondFactorDone: integer('second_factor_done', { mode: 'boolean' }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    origin: text('origin'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: id(),
    userId: foreignId('user_id', () => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [index('recovery_codes_user').on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
