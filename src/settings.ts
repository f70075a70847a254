import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db/client';
import { preparedPerConnection } from './db/prepared';
import { HOSTING_ORGANISATION_ID, settings } from './db/schema';

/**
 * Settings each organisation's administrators change at run time; each with its type and default.
 * Read with the organisation they are about: the user's (second factor), the invitation's
 * (faces, call-back question) or the call-back request's (recovery mail). An organisation that
 * did not choose follows the hosting organisation's choice.
 */
export const settingSchemas = {
  requireSecondFactorForAllStaff: z.boolean().default(false),
  requireSecondFactorForAdmins: z.boolean().default(true),
  /** Offer the call-back question to every respondent, not only after a low grade or a negative step. */
  callbackOfferToAll: z.boolean().default(false),
  /** After a call-back request is closed, mail the citizen one question: "Bent u goed geholpen?" (1–5). */
  callbackRecoveryMail: z.boolean().default(true),
  /** Faces next to the words of the feeling scale for e-mail invitations too (letters always have them). */
  surveyFacesForEmail: z.boolean().default(false),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

// The organisation's own value, else the hosting organisation's (the installation's), else the default.
const settingByKey = preparedPerConnection((store) =>
  store
    .select({ value: settings.value })
    .from(settings)
    .where(and(inArray(settings.organisationId, [sql.placeholder('organisationId'), HOSTING_ORGANISATION_ID]), eq(settings.key, sql.placeholder('key'))))
    .orderBy(sql`${settings.organisationId} = ${HOSTING_ORGANISATION_ID}`)
    .limit(1)
    .prepare(),
);

export function getSetting<K extends SettingKey>(db: Db, key: K, organisationId: number = HOSTING_ORGANISATION_ID): SettingValue<K> {
  const row = settingByKey(db).get({ organisationId, key });
  const parsed = settingSchemas[key].safeParse(row?.value);
  return (parsed.success ? parsed.data : settingSchemas[key].parse(undefined)) as SettingValue<K>;
}

export function setSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>, now: Date, organisationId: number = HOSTING_ORGANISATION_ID): void {
  db.insert(settings)
    .values({ organisationId, key, value, updatedAt: now })
    .onConflictDoUpdate({ target: [settings.organisationId, settings.key], set: { value, updatedAt: now } })
    .run();
}
