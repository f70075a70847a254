import type { ActionEffect } from '../../src/actions/effect';
import { formatDayRange, formatNumber, nl } from '../../src/texts';
import { formatDay } from './format';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.actions.effect;

const signed = (value: number) => formatNumber(value, 2, true);
const interval = (low: number, high: number) => (Number.isFinite(low) && Number.isFinite(high) ? `${signed(low)} tot ${signed(high)}` : '–');

/** One line for tables and the heart monitor: both means with their windows, the difference and the verdict, or why there is none. */
export function effectLine(effect: ActionEffect | undefined): string {
  if (!effect) return t.short.notDone;
  if (effect.state === 'waiting') return t.short.waiting;
  if (effect.state === 'too-few') return t.tooFewLine(effect.before.n, effect.after.n);
  return t.line(
    signed(effect.before.estimate.mean),
    formatDayRange(effect.before.from, effect.before.to),
    signed(effect.after.estimate.mean),
    formatDayRange(effect.after.from, effect.after.to),
    signed(effect.change.difference),
    t.short[effect.verdict],
    effect.before.n,
    effect.after.n,
  );
}

/** The effect on the action's page: both windows with n, mean and interval, the difference with its interval, the verdict. */
export function EffectSection({ effect }: { effect: ActionEffect | undefined }) {
  return (
    <section class="mh-panel" data-hook="effect" aria-labelledby="effect-titel" data-effect={effect ? (effect.state === 'measured' ? effect.verdict : effect.state) : 'not-done'}>
      <h2 class="utrecht-heading-2" id="effect-titel">
        {t.title}
      </h2>
      {!effect ? (
        <p class="utrecht-paragraph">{t.notDone}</p>
      ) : effect.state === 'waiting' ? (
        <p class="utrecht-paragraph">{t.waiting}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t.intro(effect.before.days)}</p>
          <DataTable
            class="mh-narrow-table"
            caption={t.caption}
            columns={[
              t.period,
              t.daysHeader,
              { label: t.n, kind: 'numeric-data' },
              { label: t.mean, kind: 'numeric-data' },
              t.interval,
            ]}
          >
            {(['before', 'after'] as const).map((side) => {
              const window = effect[side];
              const estimate = effect.state === 'measured' ? effect[side].estimate : undefined;
              return (
                <TableRow data-side={side}>
                  <TableHeaderCell scope="row">{t[side]}</TableHeaderCell>
                  <TableCell>{t.days(formatDay(window.from), formatDay(window.to))}</TableCell>
                  <TableCell kind="numeric-data">{formatNumber(window.n, 0)}</TableCell>
                  <TableCell kind="numeric-data">{estimate ? signed(estimate.mean) : '–'}</TableCell>
                  <TableCell>{estimate ? interval(estimate.low, estimate.high) : '–'}</TableCell>
                </TableRow>
              );
            })}
          </DataTable>
          {effect.state === 'too-few' ? (
            <p class="utrecht-paragraph">{t.tooFew(effect.minGroupSize)}</p>
          ) : (
            <>
              <p class="utrecht-paragraph">{t.difference(signed(effect.change.difference), signed(effect.change.low), signed(effect.change.high))}</p>
              <p class="utrecht-paragraph">
                <strong>{t.verdicts[effect.verdict]}</strong>
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
