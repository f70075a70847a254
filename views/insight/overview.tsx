import type { DashboardQuery } from '../../src/heartmonitor/filters';
import { filtersToSearch } from '../../src/heartmonitor/filters';
import type { Overview } from '../../src/insight/overview';
import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { effectLine } from '../actions/effect-view';
import { formatDay } from '../actions/format';
import { Section } from '../components/page-parts';

const t = nl.overview;

const signed = (value: number) => formatNumber(value, 2, true);

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
  return (
    <Section sectionId="waar-nu-eerst" id="waar-nu-eerst-titel" title={t.title} class="mh-panel mh-overview">
      <p class="utrecht-paragraph mh-overview-period">
        {t.intro(`${formatDay(period.from)} tot en met ${formatDay(period.to)}`, `${formatDay(period.previousFrom)} tot en met ${formatDay(period.previousTo)}`)}
      </p>
      <div class="mh-overview-grid">
        <Section id="knelpunten-titel" title={t.knelpunten.title} level={3} class="mh-overview-main">
          {overview.knelpunten.length === 0 ? (
            <p class="utrecht-paragraph">{t.knelpunten.none}</p>
          ) : (
            <ol class="mh-knelpunten">
              {overview.knelpunten.map(({ journey, point, quote, actions }) => (
                <li class="mh-knelpunt" data-journey={journey.slug} data-touchpoint={point.touchpoint.slug} data-trend={point.trend}>
                  <p class="utrecht-paragraph mh-knelpunt-title">
                    <a class="utrecht-link" href={detailHref(query, journey.slug, '#dips-titel')}>
                      {`${point.touchpoint.name} — ${journey.name}`}
                    </a>
                  </p>
                  <p class="utrecht-paragraph">
                    {`${t.knelpunten.feeling(signed(point.estimate!.mean), formatNumber(point.n, 0))}; ${trendText(point, overview.minGroupSize)}.`}
                  </p>
                  <Quote text={quote} />
                  <p class="utrecht-paragraph utrecht-paragraph--small">
                    {t.knelpunten.actions(actions.open, actions.overdue)}
                    {actions.lastEffect ? `. ${t.knelpunten.lastEffect(actions.lastEffect.action.title, effectLine(actions.lastEffect.effect))}` : ''}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Section>
        <div class="mh-overview-side">
          <Section id="goed-overzicht-titel" title={t.goingWell.title} level={3}>
            {overview.goingWell.length === 0 ? (
              <p class="utrecht-paragraph">{t.goingWell.none}</p>
            ) : (
              <ul class="mh-knelpunten">
                {overview.goingWell.map(({ journey, point, quote }) => (
                  <li class="mh-good-item" data-journey={journey.slug} data-touchpoint={point.touchpoint.slug}>
                    <p class="utrecht-paragraph mh-knelpunt-title">
                      <a class="utrecht-link" href={detailHref(query, journey.slug, '#goed-titel')}>
                        {`${point.touchpoint.name} — ${journey.name}`}
                      </a>
                    </p>
                    <p class="utrecht-paragraph">{`${t.knelpunten.feeling(signed(point.estimate!.mean), formatNumber(point.n, 0))}; ${trendText(point, overview.minGroupSize)}.`}</p>
                    <Quote text={quote} />
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="respons-overzicht-titel" title={t.responseRates.title} level={3}>
            {overview.responseRates.length === 0 ? (
              <p class="utrecht-paragraph">{t.responseRates.none}</p>
            ) : (
              <ul class="mh-knelpunten">
                {overview.responseRates.map(({ journey, current, previous, change }) => (
                  <li data-journey={journey.slug}>
                    <a class="utrecht-link" href={detailHref(query, journey.slug, '#respons-titel')}>
                      {t.responseRates.change(journey.name, formatPercent(current.rate), formatPercent(previous.rate), change.difference > 0)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
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
