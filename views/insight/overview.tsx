import type { Child } from 'hono/jsx';
import type { DashboardQuery } from '../../src/heartmonitor/filters';
import { filtersToSearch } from '../../src/heartmonitor/filters';
import type { Overview } from '../../src/insight/overview';
import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import { formatNumber, formatPercent, howOften, nl } from '../../src/texts';
import { effectLine } from '../actions/effect-view';
import { formatDay } from '../actions/format';
import { Section } from '../components/page-parts';
import { driversHref } from './drivers-panel';
import { responseGroupLabel } from './response-rates-panel';
import { commentsHref } from './themes-page';

const t = nl.overview;

const signed = (value: number) => formatNumber(value, 2, true);

/** A step's feeling with its reach and its trend against the previous period, in one line. */
const feelingLine = (point: HeartMonitorPoint, minGroupSize: number) =>
  `${t.knelpunten.feeling(signed(point.estimate!.mean), formatNumber(point.n, 0))}; ${trendText(point, minGroupSize)}.`;

/** One list of the overview under its heading, or what it means that the list is empty. */
function OverviewList<T>(props: { id: string; title: string; none: string; items: T[]; item: (entry: T) => Child }) {
  return (
    <Section id={props.id} title={props.title} level={3}>
      {props.items.length === 0 ? <p class="utrecht-paragraph">{props.none}</p> : <ul class="mh-knelpunten">{props.items.map(props.item)}</ul>}
    </Section>
  );
}

/** The trend in words: better, worse or unchanged by the test, always with the previous value. */
export function trendText(point: Pick<HeartMonitorPoint, 'trend' | 'previous' | 'change'>, minGroupSize: number): string {
  const dips = nl.dashboard.dips;
  const detail =
    point.previous && point.change
      ? dips.trendDetail(signed(point.previous.mean), signed(point.change.difference), point.change.significant)
      : dips.noComparison(minGroupSize);
  return t.trend(dips.trends[point.trend], detail);
}

/** Into the journey's dashboard with the same period, at the step. */
function detailHref(query: DashboardQuery, journeySlug: string, anchor = '') {
  return `/dashboard?${filtersToSearch({ ...query, reis: journeySlug, segment: '', kanaal: '', vergelijk: '' })}${anchor}`;
}

function Quote({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <blockquote class="mh-quote">
      <p class="utrecht-paragraph">
        <span class="mh-visually-hidden">{t.knelpunten.quoteLabel} </span>„{text}”
      </p>
    </blockquote>
  );
}

/**
 * "Waar nu eerst": the first thing on /dashboard without a chosen journey. Short lines, each
 * item a link into the detail, so a manager sees in ten seconds where citizens struggle most.
 */
export function OverviewSection({ overview, query }: { overview: Overview; query: DashboardQuery }) {
  const { period } = overview;
  const driving = overview.journeys.flatMap(({ journey, topDriver }) => (topDriver ? [{ journey, topDriver }] : []));
  const isTopDriver = (journeySlug: string, touchpointId: number) => driving.some((entry) => entry.journey.slug === journeySlug && entry.topDriver.touchpoint.id === touchpointId);
  return (
    <Section sectionId="waar-nu-eerst" id="waar-nu-eerst-titel" title={t.title} class="mh-panel mh-overview">
      <p class="utrecht-paragraph">
        {t.intro(`${formatDay(period.from)} tot en met ${formatDay(period.to)}`, `${formatDay(period.previousFrom)} tot en met ${formatDay(period.previousTo)}`)}
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/dashboard/samenvatting">
          {nl.digest.page.overviewLink}
        </a>
      </p>
      <div class="mh-overview-grid">
        <Section id="knelpunten-titel" title={t.knelpunten.title} level={3}>
          {overview.knelpunten.length === 0 ? (
            <p class="utrecht-paragraph">{t.knelpunten.none}</p>
          ) : (
            <ol class="mh-knelpunten">
              {overview.knelpunten.map(({ journey, point, theme, quote, actions }) => (
                <li data-hook="knelpunt" data-journey={journey.slug} data-touchpoint={point.touchpoint.slug} data-trend={point.trend}>
                  <p class="utrecht-paragraph mh-knelpunt-title">
                    <a class="utrecht-link" href={detailHref(query, journey.slug, '#dips-titel')}>
                      {`${point.touchpoint.name} — ${journey.name}`}
                    </a>
                  </p>
                  <p class="utrecht-paragraph">
                    {feelingLine(point, overview.minGroupSize)}
                  </p>
                  {theme ? (
                    <p class="utrecht-paragraph">
                      <a class="utrecht-link" href={commentsHref({ filters: { query: { ...query, reis: journey.slug } } }, { step: point.touchpoint.slug, term: theme.term, negative: true })}>
                        {t.knelpunten.theme(theme.label, formatNumber(theme.responses, 0), formatPercent(theme.share))}
                      </a>
                    </p>
                  ) : null}
                  <Quote text={quote} />
                  {isTopDriver(journey.slug, point.touchpoint.id) ? <p class="utrecht-paragraph">{t.drivers.atKnelpunt}</p> : null}
                  <p class="utrecht-paragraph utrecht-paragraph--small">
                    {t.knelpunten.actions(actions.open, actions.overdue)}
                    {actions.lastEffect ? `. ${t.knelpunten.lastEffect(actions.lastEffect.action.title, effectLine(actions.lastEffect.effect))}` : ''}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Section>
        <div>
          <OverviewList id="drijfveren-overzicht-titel" title={t.drivers.title} none={t.drivers.none} items={driving} item={({ journey, topDriver }) => (
              <li data-hook="driver-item" data-journey={journey.slug} data-touchpoint={topDriver.touchpoint.slug}>
                <a class="utrecht-link" href={driversHref(query, journey.slug)}>
                  {t.drivers.line(journey.name, topDriver.touchpoint.name, formatPercent(topDriver.share))}
                </a>
                {topDriver.quadrant === 'priority' ? <strong class="mh-badge">{t.drivers.priority}</strong> : null}
              </li>
            )} />
          <OverviewList id="groepen-overzicht-titel" title={t.gaps.title} none={t.gaps.none} items={overview.gaps} item={(gap) => (
              <li data-hook="gap-item" data-journey={gap.journey.slug} data-touchpoint={gap.touchpoint.slug} data-segment={`${gap.key}:${gap.value}`}>
                <a class="utrecht-link" href={detailHref(query, gap.journey.slug, '#groepen-titel')}>
                  {`${nl.segmentGaps.sentence(gap.value, gap.touchpoint.name, gap.group.mean, gap.rest.mean)} ${t.gaps.journey(gap.journey.name)}`}
                </a>
              </li>
            )} />
          <OverviewList id="goed-overzicht-titel" title={t.goingWell.title} none={t.goingWell.none} items={overview.goingWell} item={({ journey, point, quote }) => (
              <li data-hook="good-item" data-journey={journey.slug} data-touchpoint={point.touchpoint.slug}>
                <p class="utrecht-paragraph mh-knelpunt-title">
                  <a class="utrecht-link" href={detailHref(query, journey.slug, '#goed-titel')}>
                    {`${point.touchpoint.name} — ${journey.name}`}
                  </a>
                </p>
                <p class="utrecht-paragraph">{feelingLine(point, overview.minGroupSize)}</p>
                <Quote text={quote} />
              </li>
            )} />
          <OverviewList id="minder-gehoord-overzicht-titel" title={t.underHeard.title} none={t.underHeard.none} items={overview.underHeard} item={(group) => (
              <li data-hook="under-heard-item" data-journey={group.journey.slug}>
                <a class="utrecht-link" href={detailHref(query, group.journey.slug, '#wie-antwoordt-titel')}>
                  {`${nl.responseRates.sentence(responseGroupLabel(group.dimension, group.value), howOften(group.ratio), group.group.rate, group.rest.rate)} ${t.gaps.journey(group.journey.name)}`}
                </a>
              </li>
            )} />
          <OverviewList id="respons-overzicht-titel" title={t.responseRates.title} none={t.responseRates.none} items={overview.responseRates} item={({ journey, current, previous, change }) => (
              <li data-journey={journey.slug}>
                <a class="utrecht-link" href={detailHref(query, journey.slug, '#respons-titel')}>
                  {t.responseRates.change(journey.name, formatPercent(current.rate), formatPercent(previous.rate), change.difference > 0)}
                </a>
              </li>
            )} />
        </div>
      </div>
    </Section>
  );
}

/** Between the overview and the first journey's dashboard below it. */
export function JourneysHeading() {
  return (
    <>
      <h2 class="utrecht-heading-2" id="per-klantreis">
        {t.journeysTitle}
      </h2>
      <p class="utrecht-paragraph">{t.journeysIntro}</p>
    </>
  );
}
