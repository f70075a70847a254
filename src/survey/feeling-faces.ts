import type { Db } from '../db/client';
import type { ResponseMode } from '../db/schema';
import { getSetting } from '../settings';

/**
 * Whether the feeling scale shows faces next to its words: always for an invitation by letter
 * and at the counter, where the citizen looks at the screen with the employee (a help for
 * citizens who read with difficulty); not on the phone, where nobody sees them; for e-mail only
 * when an admin of the invitation's organisation turned it on.
 */
export function showsFeelingFaces(db: Db, mode: ResponseMode, organisationId?: number): boolean {
  if (mode === 'letter' || mode === 'balie') return true;
  return mode === 'email' && getSetting(db, 'surveyFacesForEmail', organisationId);
}
