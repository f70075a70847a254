import type { ActionAtTouchpoint } from '../../src/actions/action-queries';
import type { DashboardData } from '../../src/dashboard/dashboard-data';
import type { HeartMonitorPoint } from '../../src/heartmonitor/heart-monitor';
import { nl } from '../../src/texts';
import { StatusText } from './action-pages';
import { effectLine } from './effect-view';
import { formatDay } from './format';
import { LinkParagraph, Section } from '../components/page-parts';

const t = nl.actions.dashboard;

/** "Add an action here": the create page prefilled with this journey and step. */
export const newActionHref = (journeySlug: string, touchpointSlug: string) =>
  `/dashboard/verbeteracties/nieuw?${new URLSearchParams({ journey: journeySlug, touchpoint: touchpointSlug })}`;

const overdueCount = (entries: ActionAtTouchpoint[]) => entries.filter((entry) => entry.overdue).length;

/** The heart-monitor table's cell: how many actions at this step, and how many are overdue, in words. */
export function ActionsCell({ data, point }: { data: DashboardData; point: HeartMonitorPoint }) {
  const entries = data.actions?.get(point.touchpoint.id) ?? [];
  if (entries.length === 0) return <>{t.count(0, 0)}</>;
  return (
    <a class="utrecht-link" href={`#acties-${point.touchpoint.slug}`}>
      {t.count(entries.length, overdueCount(entries))}
    </a>
  );
}

/** Under a dip: the actions already there, and the link to add one. */
export function DipActions({ data, point }: { data: DashboardData; point: HeartMonitorPoint }) {
  const entries = data.actions?.get(point.touchpoint.id) ?? [];
  return (
    <p class="utrecht-paragraph">
      {entries.length > 0 ? `${t.atDip(entries.length, overdueCount(entries))} ` : ''}
      <a class="utrecht-link" href={newActionHref(data.journey!.slug, point.touchpoint.slug)}>
        {t.add}
        <span class="mh-visually-hidden">{t.addAt(point.touchpoint.name)}</span>
      </a>
    </p>
  );
}

/** The actions per step of the journey, in journey order: status, overdue in words, the effect of the done ones. */
export function ActionsPanel({ data }: { data: DashboardData }) {
  const withActions = data.points.filter((point) => (data.actions?.get(point.touchpoint.id) ?? []).length > 0);
  const slug = data.journey!.slug;
  return (
    <Section id="verbeteracties-titel" title={t.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.intro}</p>
      {withActions.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : null}
      {withActions.map((point) => (
        <div data-hook="touchpoint-actions" id={`acties-${point.touchpoint.slug}`} data-touchpoint={point.touchpoint.slug}>
          <h3 class="utrecht-heading-3">{point.touchpoint.name}</h3>
          <ul class="mh-action-list">
            {data.actions!.get(point.touchpoint.id)!.map(({ action, overdue, effect }) => (
              <li class={overdue ? 'mh-action mh-action-overdue' : 'mh-action'} data-action={action.id}>
                <a class="utrecht-link" href={`/dashboard/verbeteracties/${action.id}`}>
                  {action.title}
                </a>
                {' — '}
                <StatusText action={action} overdue={overdue} />
                {action.status !== 'klaar' && action.dueOn ? `, ${nl.actions.columns.due.toLowerCase()}: ${formatDay(action.dueOn)}` : ''}
                {action.status === 'klaar' ? <span class="mh-effect-line">{`${nl.actions.columns.effect}: ${effectLine(effect)}`}</span> : null}
              </li>
            ))}
          </ul>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={newActionHref(slug, point.touchpoint.slug)}>
              {t.add}
              <span class="mh-visually-hidden">{t.addAt(point.touchpoint.name)}</span>
            </a>
          </p>
        </div>
      ))}
      <LinkParagraph href={`/dashboard/verbeteracties?${new URLSearchParams({ reis: slug })}`}>{t.all}</LinkParagraph>
    </Section>
  );
}
