import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { appointments, type NoShowReason } from '../db/schema';
import { invitationToken, seededRandom } from './demo-history';
import { createInvitation, type InvitationDeps } from '../invitations/invitations';
import { findJourneyWithTouchpoints } from '../journeys/journeys';
import { submitNoShowResponse } from '../survey/no-show-survey';
import { mapProduct } from '../noshows/products';

/** The demo's product mappings: counter products belong to the passport and moving journeys. */
export const demoProductMappings = [
  { product: 'paspoort', journey: 'paspoort-aanvragen', touchpoint: 'balie' },
  { product: 'identiteitskaart', journey: 'paspoort-aanvragen', touchpoint: 'balie' },
  { product: 'verhuizing', journey: 'verhuizing-doorgeven', touchpoint: 'verhuizing-melden' },
];

/** Why people say they did not come, by pattern: long lead times are forgotten or no longer needed. */
function reasonFor(random: () => number, leadBand: string, weekday: number, hour: number): NoShowReason {
  const roll = random();
  if (leadBand === '30+') return roll < 0.45 ? 'vergeten' : roll < 0.7 ? 'te-ver-weg' : roll < 0.85 ? 'opgelost' : 'afzeggen-onduidelijk';
  if (weekday === 1 && hour < 12) return roll < 0.5 ? 'kon-niet' : roll < 0.75 ? 'vergeten' : 'afzeggen-onduidelijk';
  return roll < 0.3 ? 'kon-niet' : roll < 0.55 ? 'vergeten' : roll < 0.75 ? 'afzeggen-onduidelijk' : roll < 0.9 ? 'opgelost' : 'anders';
}

const demoComments: Partial<Record<NoShowReason, string>> = {
  'afzeggen-onduidelijk': 'Ik kon nergens vinden hoe ik de afspraak kon afzeggen.',
  'te-ver-weg': 'De afspraak was pas na zes weken, toen had ik het al anders geregeld.',
  vergeten: 'Ik kreeg geen herinnering en was het vergeten.',
};

/**
 * "We hebben u gemist" answers for a sample of the demo's no-shows, through the same invitation
 * and survey functions a real citizen's answer goes through.
 */
export function generateDemoNoShowReasons(db: Db, deps: Omit<InvitationDeps, 'clock'>, options: { count: number; seed: number }): number {
  const random = seededRandom(options.seed + 1);
  for (const mapping of demoProductMappings) mapProduct(db, mapping);
  const clock = { current: new Date(), now() { return new Date(this.current); } } satisfies Clock & { current: Date };
  const missed = db
    .select()
    .from(appointments)
    .where(and(eq(appointments.status, 'no_show'), eq(appointments.source, 'demo')))
    .all()
    .filter((appointment) => demoProductMappings.some((mapping) => mapping.product === appointment.product));
  const invitationDeps = { ...deps, clock };
  const tokenOf = invitationToken(db);
  const journeyIdOf = db.$client.prepare('SELECT id FROM journeys WHERE slug = ?').pluck();
  // Looked up once per journey: nothing changes them while the answers are written.
  const journeys = new Map<string, ReturnType<typeof findJourneyWithTouchpoints>>();
  const journeyOf = (slug: string) => {
    if (!journeys.has(slug)) {
      const id = journeyIdOf.get(slug) as number | undefined;
      journeys.set(slug, id === undefined ? undefined : findJourneyWithTouchpoints(db, id));
    }
    return journeys.get(slug);
  };
  let answered = 0;
  db.transaction(() => {
    for (const appointment of missed) {
      if (answered >= options.count) break;
      if (random() > 0.35) continue;
      const mapping = demoProductMappings.find((entry) => entry.product === appointment.product)!;
      const found = journeyOf(mapping.journey);
      if (!found) continue;
      clock.current = new Date(appointment.startsAt.getTime() + 2 * 3_600_000);
      const outcome = db.transaction((tx) => createInvitation(tx, invitationDeps, {
        kind: 'no-show',
        appointmentId: appointment.id,
        journey: found.journey,
        touchpoints: found.touchpoints.slice(0, 1),
        caseReference: appointment.reference,
        email: `gemist${options.seed}x${appointment.id}@demo.meethuis.invalid`,
        language: 'nl',
        segment: appointment.segment,
        channel: appointment.channel,
        leadTimeDays: null,
        caseClosedAt: clock.now(),
      }));
      if (outcome.status !== 'accepted') continue;
      const token = tokenOf(outcome.invitationId);
      // Not everyone answers "we hebben u gemist" either.
      if (random() < 0.4) continue;
      clock.current = new Date(clock.current.getTime() + 86_400_000);
      const reason = reasonFor(random, appointment.leadBand, appointment.weekday, appointment.hour);
      const stored = submitNoShowResponse(db, clock, token, {
        reason,
        comment: random() < 0.3 ? (demoComments[reason] ?? null) : null,
        bookingFeeling: Math.max(-2, Math.min(2, Math.round((random() - 0.6) * 4))),
      });
      if (stored.state === 'stored') answered++;
    }
  });
  return answered;
}
