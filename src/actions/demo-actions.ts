import { addDays } from '../clock';
import { dayOf, shiftDay } from '../calendar';
import type { Db } from '../db/client';
import { improvementActions } from '../db/schema';
import { findJourneyBySlug } from '../journeys/journeys';
import { createAction, type ActionInput, type Actor } from './actions';

/**
 * The improvement actions that go with the demo history's story: the passport appointments
 * improved on the day the history's dip recovers (done and published, so its effect and
 * /verbeteringen show), debt help's documents still being worked on and overdue, and a plan for
 * the moving confirmation. Added only to a database without any action.
 */
export function addDemoActions(db: Db, now: Date, historyDays: number, actor: Actor): number {
  if (db.select({ id: improvementActions.id }).from(improvementActions).limit(1).get()) return 0;
  const today = dayOf(now);
  // demo-story.ts: the passport appointment dip recovers at 60% of the history.
  const improvedOn = dayOf(addDays(now, -historyDays + Math.ceil(historyDays * 0.6)));
  const at = (journey: string, step: string) => {
    const found = findJourneyBySlug(db, journey);
    const touchpoint = found?.touchpoints.find((candidate) => candidate.slug === step);
    return found && touchpoint ? { journeyId: found.journey.id, touchpointId: touchpoint.id } : undefined;
  };
  const actions: (Omit<ActionInput, 'journeyId' | 'touchpointId'> & { where?: { journeyId: number; touchpointId: number } })[] = [
    {
      where: at('paspoort-aanvragen', 'afspraak-maken'),
      title: 'Meer afspraakplekken: avond- en zaterdagopenstelling',
      description: 'Twee extra baliemedewerkers op dinsdagavond en zaterdagochtend; online agenda zes weken vooruit open.',
      owner: 'Team Publiekszaken',
      dueOn: improvedOn,
      status: 'klaar',
      doneOn: improvedOn,
      publicSummary: 'U kunt nu ook op dinsdagavond en zaterdagochtend een afspraak maken voor een paspoort of ID-kaart. Daardoor hoeft u minder lang te wachten.',
      publish: true,
    },
    {
      where: at('schuldhulp-aanvragen', 'documenten-aanleveren'),
      title: 'Eén overzicht van de papieren die nodig zijn',
      description: 'Checklist per situatie, met voorbeelden; uploaden zonder apart portaal.',
      owner: 'Team Schuldhulpverlening',
      dueOn: shiftDay(today, -5),
      status: 'bezig',
      doneOn: null,
      publicSummary: null,
      publish: false,
    },
    {
      where: at('verhuizing-doorgeven', 'bevestiging'),
      title: 'Bevestiging van de verhuizing binnen 5 werkdagen',
      description: null,
      owner: 'Team Burgerzaken',
      dueOn: shiftDay(today, 30),
      status: 'gepland',
      doneOn: null,
      publicSummary: null,
      publish: false,
    },
  ];
  let added = 0;
  for (const { where, ...input } of actions) {
    if (!where) continue;
    createAction(db, now, { ...where, ...input }, actor);
    added++;
  }
  return added;
}
