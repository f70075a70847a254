import type { Db } from '../db/client';
import type { Delivery } from '../db/schema';
import { getSetting } from '../settings';

/**
 * Whether the feeling scale shows faces next to its words: always for an invitation by letter
 * (a help for citizens who read with difficulty), for e-mail only when an admin turned it on.
 */
export function showsFeelingFaces(db: Db, delivery: Delivery): boolean {
  return delivery === 'letter' || getSetting(db, 'surveyFacesForEmail');
}
