import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';

/**
 * The public organisations one installation serves. The hosting organisation (the one that runs
 * the installation and processes data for the others) is always id 1: it is made by the migration
 * that introduced organisations, so everything that existed before became its own.
 */
export const organisations = sqliteTable('organisations', {
  id: id(),
  // Short, stable, lower case ("svb"): the CLI's --organisation and the chain view name it.
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  // How citizens reach this organisation (mail, phone, address, site): shown on /privacy and in mails.
  citizenContact: text('citizen_contact'),
  // Where a citizen sends a privacy question or request (the FG or privacy desk).
  privacyContact: text('privacy_contact'),
  // Comparing like with like: the heart lines of journeys with the same definition, side by side.
  comparisonOptIn: integer('comparison_opt_in', { mode: 'boolean' }).notNull().default(false),
  // Named to the others in the comparison; otherwise "vergelijkbare organisatie A, B…".
  comparisonNamed: integer('comparison_named', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at'),
});

export type Organisation = typeof organisations.$inferSelect;

/** The hosting organisation's id (see above). */
export const HOSTING_ORGANISATION_ID = 1;

/** The organisation a row belongs to; rows from before organisations existed are the hosting organisation's. */
export const organisationId = (name = 'organisation_id') =>
  integer(name)
    .notNull()
    .default(HOSTING_ORGANISATION_ID)
    .references(() => organisations.id);
