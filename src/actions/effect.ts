/**
 * The measured effect of an improvement action (pure): the touchpoint's feeling in equal windows
 * before and after the day the action was done, compared with Welch's test. The done day itself
 * counts in neither window: on that day the service was half old, half new.
 */
import { daysInclusive, shiftDay } from '../calendar';
import { trendOf, type Direction } from '../heartmonitor/heart-monitor';
import { compareMeans, meanEstimate, type Difference, type MeanEstimate, type Moments } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';

/** Eight weeks each side, unless less time has passed since the action was done. */
export const EFFECT_WINDOW_DAYS = 56;

export interface EffectWindow {
  /** First and last calendar day, both included. */
  from: string;
  to: string;
  days: number;
}

export interface EffectWindows {
  before: EffectWindow;
  after: EffectWindow;
}

/**
 * The windows for an action done on `doneOn`, seen on `today`: the after-window is the days since
 * the done day (at most `maxDays`), the before-window the same number of days before it. Undefined
 * while no full day has passed since the done day (nothing to measure yet).
 */
export function effectWindows(doneOn: string, today: string, maxDays = EFFECT_WINDOW_DAYS): EffectWindows | undefined {
  const since = daysInclusive(doneOn, today) - 1;
  const days = Math.min(maxDays, since);
  if (!(days >= 1)) return undefined;
  return {
    before: { from: shiftDay(doneOn, -days), to: shiftDay(doneOn, -1), days },
    after: { from: shiftDay(doneOn, 1), to: shiftDay(doneOn, days), days },
  };
}

export interface EffectSide extends EffectWindow {
  /** Answers with a feeling in the window. */
  n: number;
  /** Only when the group is reportable. */
  estimate?: MeanEstimate;
}

/** Better or worse only when the 95% interval of the difference (after − before) excludes 0: the dips' trend rule (trendOf). */
export type Verdict = Direction;

export type ActionEffect =
  /** Done today (or the date lies ahead): the after-window has no day yet. */
  | { state: 'waiting'; doneOn: string }
  /** One side has fewer answers than the minimum group size: no means, no comparison ("te weinig gegevens"). */
  | { state: 'too-few'; doneOn: string; before: EffectSide; after: EffectSide; minGroupSize: number }
  | { state: 'measured'; doneOn: string; before: Required<EffectSide>; after: Required<EffectSide>; change: Difference; verdict: Verdict; minGroupSize: number };

/** The effect from the feeling sums of both windows; the minimum group size applies to each side. */
export function measureEffect(doneOn: string, windows: EffectWindows, before: Moments, after: Moments, minGroupSize: number): ActionEffect {
  const sides = { before: { ...windows.before, n: before.n }, after: { ...windows.after, n: after.n } };
  const reportable = isReportable(before.n, minGroupSize) && isReportable(after.n, minGroupSize);
  const change = reportable ? compareMeans(after, before) : undefined;
  const beforeEstimate = reportable ? meanEstimate(before) : undefined;
  const afterEstimate = reportable ? meanEstimate(after) : undefined;
  if (!change || !beforeEstimate || !afterEstimate) return { state: 'too-few', doneOn, ...sides, minGroupSize };
  return {
    state: 'measured',
    doneOn,
    before: { ...sides.before, estimate: beforeEstimate },
    after: { ...sides.after, estimate: afterEstimate },
    change,
    verdict: trendOf(change),
    minGroupSize,
  };
}

/**
 * The whole rule for one action: windows from its done day and today, sums through `feelingIn`
 * (a query over the daily roll-ups). Undefined for an action that is not done.
 */
export function effectOf(
  action: { status: string; doneOn: string | null },
  today: string,
  feelingIn: (window: EffectWindow) => Moments,
  minGroupSize: number,
  maxDays = EFFECT_WINDOW_DAYS,
): ActionEffect | undefined {
  if (action.status !== 'klaar' || !action.doneOn) return undefined;
  const windows = effectWindows(action.doneOn, today, maxDays);
  if (!windows) return { state: 'waiting', doneOn: action.doneOn };
  return measureEffect(action.doneOn, windows, feelingIn(windows.before), feelingIn(windows.after), minGroupSize);
}
