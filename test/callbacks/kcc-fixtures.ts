import { desc } from 'drizzle-orm';
import { callbackRequests, responses, type CallbackReason } from '../../src/db/schema';
import { encryptSecret } from '../../src/secrets';
import { answerOverHttp } from '../helpers/answers-over-http';
import { TEST_DATA_KEY, type TestContext } from '../helpers/test-context';

export const CITIZEN_PHONE = '06-12345678';
export const CITIZEN_EMAIL = 'terugbellen@example.nl';

/**
 * An unhappy answer over HTTP and, for it, a call-back request as the citizen's side stores it
 * (an encrypted contact apart from the answers), created at `at` and due at `dueAt`.
 */
export async function callbackRequestFor(
  ctx: TestContext,
  options: { at: Date; dueAt: Date; reason?: CallbackReason; comment?: string; contact?: { method: 'phone' | 'email'; phone?: string; email?: string } },
): Promise<number> {
  await answerOverHttp(ctx, {
    at: options.at,
    grade: 3,
    feelings: { 'afspraak-maken': -2, balie: 1, ophalen: 0 },
    comments: { 'afspraak-maken': options.comment ?? 'Niemand nam op, bel mij op 0612345678 graag.' },
  });
  const response = ctx.db.select().from(responses).orderBy(desc(responses.id)).limit(1).get()!;
  const contact = options.contact ?? { method: 'phone', phone: CITIZEN_PHONE, email: CITIZEN_EMAIL };
  return ctx.db
    .insert(callbackRequests)
    .values({
      responseId: response.id,
      journeyId: response.journeyId,
      reason: options.reason ?? 'low-grade',
      contact: encryptSecret(TEST_DATA_KEY, JSON.stringify(contact)),
      createdAt: options.at,
      dueAt: options.dueAt,
    })
    .returning({ id: callbackRequests.id })
    .get().id;
}
