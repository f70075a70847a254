import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db/client';
import { preparedPerConnection } from './db/prepared';
import { settings } from './db/schema';

/** Settings admins change at run time; each with its type and default. */
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

const settingByKey = preparedPerConnection((store) => store.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare());

export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const row = settingByKey(db).get({ key });
  const parsed = settingSchemas[key].safeParse(row?.value);
  return (parsed.success ? parsed.data : settingSchemas[key].parse(undefined)) as SettingValue<K>;
}

export function setSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>, now: Date): void {
  db.insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
    .run();
}
