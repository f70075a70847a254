import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import type { PublicJourney, PublicQuarter } from '../../src/public-results/public-results';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { HeartLineSvg } from '../journey-map/heart-line-svg';
import { Layout, useOrganisation } from '../layout';

const t = nl.publicResults;

/** Positive or negative only when the whole 95% interval says so; otherwise neither. */
function meaningOf(point: HeartMonitorPoint): string {
  if (point.good) return t.meaning.positive;
  if (point.estimate && point.estimate.high < 0) return t.meaning.negative;
  return t.meaning.neutral;
}

function HeartLine(props: { journey: string; quarterLabel: string; id: string; points: HeartMonitorPoint[] }) {
  const { points } = props;
  const summary = t.heartLineSummary(
    points.map((point) => `${point.touchpoint.name}: ${point.estimate ? formatNumber(point.estimate.mean, 1, true) : t.tooFew.toLowerCase()}`),
  );
  return (
    <div class="mh-results-heartline">
      <h4 class="utrecht-heading-4">{t.heartLine}</h4>
      <p class="utrecht-paragraph mh-muted">{t.heartLineHint}</p>
      <HeartLineSvg points={points} journeyName={props.journey} id={props.id} title={t.heartLineTitle(props.journey, props.quarterLabel)} summary={summary} />
      {/* The steps under their columns of the line; the table below says the same to a screen reader. */}
      <ol class="mh-results-steps" aria-hidden="true">
        {points.map((point) => (
          <li>{point.touchpoint.name}</li>
        ))}
      </ol>
      <DataTable caption={t.table.caption(props.quarterLabel)} columns={[t.table.step, { label: t.table.feeling, kind: 'numeric' }, t.table.meaning]}>
        {points.map((point) => (
          <TableRow data-touchpoint={point.touchpoint.slug}>
            <TableHeaderCell scope="row">{point.touchpoint.name}</TableHeaderCell>
            {point.estimate ? (
              <>
                <TableCell kind="numeric-data">{formatNumber(point.estimate.mean, 1, true)}</TableCell>
                <TableCell>{meaningOf(point)}</TableCell>
              </>
            ) : (
              <TableCell colspan={2} data-hook="withheld">
                {t.tooFew}
              </TableCell>
            )}
          </TableRow>
        ))}
      </DataTable>
    </div>
  );
}

function QuarterResults(props: { journey: PublicJourney['journey']; result: PublicQuarter }) {
  const { journey, result } = props;
  const label = nl.improvements.quarter(result.quarter.year, result.quarter.quarter);
  const id = `${journey.slug}-${result.quarter.key}`;
  return (
    <Section id={`kwartaal-${id}`} title={label} level={3} class="mh-results-quarter">
      {result.reportable ? (
        <>
          <p class="utrecht-paragraph">{t.responses(result.responses)}</p>
          <dl class="mh-details">
            <div data-hook="grade">
              <dt>{t.grade}</dt>
              <dd>{t.gradeValue(formatNumber(result.grade!, 1))}</dd>
            </div>
            {result.answered ? (
              <div data-hook="answered">
                <dt>{t.answered}</dt>
                <dd>{result.answered.share === undefined ? t.tooFew : t.answeredValue(formatPercent(result.answered.share))}</dd>
              </div>
            ) : null}
          </dl>
          <HeartLine journey={journey.name} quarterLabel={label} id={`hartlijn-${id}`} points={result.heartLine} />
        </>
      ) : (
        <p class="utrecht-paragraph" data-hook="withheld">
          {t.tooFew}
        </p>
      )}
    </Section>
  );
}

/**
 * /resultaten — "Wat u zei": per public journey and completed quarter the rapportcijfer, the
 * share answering "ja" on "Is uw vraag beantwoord?" and the heart line with its table. The
 * counterpart of /verbeteringen ("Wat wij deden"); each links to the other.
 */
export function ResultsPage(props: { journeys: PublicJourney[] }) {
  return (
    <Layout title={t.title}>
      <h1 class="utrecht-heading-1">{t.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.intro(useOrganisation())}</p>
      {props.journeys.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : null}
      <p class="utrecht-paragraph">{t.improvementsLead}</p>
      <LinkParagraph href="/verbeteringen">{t.improvementsLink}</LinkParagraph>
      {props.journeys.map(({ journey, quarters }) => (
        <Section id={`reis-${journey.slug}`} title={journey.name} class="mh-results-journey">
          {quarters.map((result) => (
            <QuarterResults journey={journey} result={result} />
          ))}
        </Section>
      ))}
    </Layout>
  );
}
