import type { CallbackFigures } from '../../src/callbacks/figures';
import type { Touchpoint } from '../../src/db/schema';
import { formatNumber, nl } from '../../src/texts';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.callbacksKcc.figures;

/** The dashboard's panel on call-back requests of the chosen journey and period; each step links to its place on the heart monitor. */
export function CallbackFiguresPanel(props: { figures: CallbackFigures; touchpoints: Pick<Touchpoint, 'id' | 'name'>[]; minGroupSize: number }) {
  const { figures } = props;
  const stepOf = (id: number | null) => props.touchpoints.find((touchpoint) => touchpoint.id === id);
  return (
    <Section id="terugbellen-titel" sectionId="terugbellen" title={t.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.intro(figures.total)}</p>
      {figures.perStep.length === 0 && figures.withinNorm === undefined ? <p class="utrecht-paragraph">{t.tooFew}</p> : null}
      {figures.withinNorm !== undefined ? <p class="utrecht-paragraph">{t.withinNorm(figures.withinNorm)}</p> : null}
      {figures.recovery ? <p class="utrecht-paragraph">{t.recovery(figures.recovery.share, figures.recovery.answered)}</p> : null}
      {figures.perStep.length > 0 ? (
        <DataTable caption={t.perStepCaption} columns={[t.perStepColumns.step, { label: t.perStepColumns.requests, kind: 'numeric' }]}>
          {figures.perStep.map((row) => {
            const step = stepOf(row.touchpointId);
            return (
              <TableRow>
                <TableHeaderCell scope="row">
                  {step ? (
                    <a class="utrecht-link" href="#gevoel-per-stap-titel">
                      {step.name}
                    </a>
                  ) : (
                    t.wholeJourney
                  )}
                </TableHeaderCell>
                <TableCell kind="numeric">{formatNumber(row.requests, 0)}</TableCell>
              </TableRow>
            );
          })}
        </DataTable>
      ) : null}
      {figures.hiddenSteps > 0 ? <p class="utrecht-paragraph">{t.hidden(figures.hiddenSteps, props.minGroupSize)}</p> : null}
      {figures.outcomes && figures.outcomes.length > 0 ? (
        <DataTable caption={t.outcomesCaption} columns={[t.outcomesColumns.outcome, { label: t.outcomesColumns.count, kind: 'numeric' }]}>
          {figures.outcomes.map((row) => (
            <TableRow>
              <TableHeaderCell scope="row">{nl.callbacksKcc.outcomes[row.outcome]}</TableHeaderCell>
              <TableCell kind="numeric">{formatNumber(row.count, 0)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}
