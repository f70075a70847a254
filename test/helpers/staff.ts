import { createUser } from '../../src/auth/users';
import type { Clock } from '../../src/clock';
import type { Db } from '../../src/db/client';
import type { Role } from '../../src/db/schema';
import { setSetting } from '../../src/settings';

export const STAFF_PASSWORD = 'een lange zin als wachtwoord';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** Creates a staff account with a known password. */
/** A staff member with the test password; of the hosting organisation unless another is given. */
export async function createStaff(db: Db, clock: Clock, role: Role, email = `${role}@gemeente.test`, organisationId?: number) {
  return createUser(db, clock, { email, role, password: STAFF_PASSWORD, organisationId });
}

/** Turns off the second-factor requirement for admins, for tests about something else. */
export function allowAdminsWithoutSecondFactor(db: Db, clock: Clock) {
  setSetting(db, 'requireSecondFactorForAdmins', false, clock.now());
}

/** The session cookie ("name=value") from a response's Set-Cookie header. */
export function sessionCookieFrom(response: Response): string | undefined {
  const header = response.headers.getSetCookie().find((cookie) => cookie.includes('meethuis-sessie=') && !/Max-Age=0/i.test(cookie));
  return header?.split(';')[0];
}

/** Logs in through the real /login form and returns the session cookie. */
export async function login(app: Requester, email: string, password = STAFF_PASSWORD): Promise<{ response: Response; cookie?: string }> {
  const response = await app.request('/login', {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
  });
  return { response, cookie: sessionCookieFrom(response) };
}

/** A request with a session cookie. */
export function asStaff(app: Requester, cookie: string) {
  return (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: cookie } });
}
