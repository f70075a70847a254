import { Hono, type Context } from 'hono';
import { MessagePage } from '../../views/layout';
import { audit, type AuditEntry } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { nl } from '../texts';
import type { AppEnv } from './env';

/** An audit entry as a staff handler writes it: who and from where are filled in. */
export type StaffAuditEntry = Omit<AuditEntry, 'actor' | 'origin'>;

/** What the authorize middleware adds for a request it let through as staff (or as signing in). */
export interface StaffHelpers {
  /** Writes an audit entry by the signed-in user, from this request's address. */
  audit: (entry: StaffAuditEntry) => void;
  /** The 404 page for an id or slug in the address that does not exist. */
  notFound: () => Response | Promise<Response>;
}

/** The env of routes behind a staff rule of the route table: the user and the helpers are always set. */
export type StaffEnv = {
  Variables: AppEnv['Variables'] & StaffHelpers & { user: User };
};

export type StaffContext = Context<StaffEnv>;

/**
 * A router for staff pages. Mount it only on paths whose rule in src/auth/access.ts is not public:
 * the authorize middleware then guarantees the user and the helpers before any handler runs.
 */
export const staffRouter = () => new Hono<StaffEnv>();

/** The audit log's actor for a staff user. */
export const actorOf = (user: Pick<User, 'id' | 'email'>) => ({ userId: user.id, label: user.email });

/** Who made a change and from where, for domain functions that audit inside their own transaction or after the request. */
export const changedBy = (c: StaffContext) => ({ actor: actorOf(c.var.user), origin: c.var.clientAddress });

/** Sets the staff helpers for a request by `user` (called by the authorize middleware). */
export function setStaffHelpers(c: Context<AppEnv>, { db, clock }: { db: Db; clock: Clock }, user: User) {
  c.set('audit', (entry) => audit(db, clock.now(), { ...entry, origin: c.var.clientAddress, actor: actorOf(user) }));
  c.set('notFound', () =>
    c.render(<MessagePage title={nl.errors.notFoundTitle} paragraphs={[nl.errors.notFoundBody]} />, { status: 404 }),
  );
}
