import type { Norm } from '../../src/callbacks/work-list';
import { nl } from '../../src/texts';

const t = nl.callbacksKcc.due;

/** The service norm in words; late ones in words and in the "te laat" colour. */
export function NormText({ norm }: { norm: Norm }) {
  if (norm.kind === 'closed') return <>{norm.inTime ? t.closedInTime : t.closedLate}</>;
  if (norm.kind === 'due') return <>{t.at(norm.dueAt)}</>;
  return <strong class="mh-overdue">{t.late(norm.lateWorkingHours, norm.dueAt)}</strong>;
}
