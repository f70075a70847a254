import type { DigestContent } from '../../src/digest/digest';
import type { DigestPeriod } from '../../src/digest/periods';
import { isoWeekOf } from '../../src/calendar';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { formatDay } from '../actions/format';
import { trendText } from '../insight/overview';

const t = nl.digest;
const signed = (value: number) => formatNumber(value, 2, true);

/** "oktober 2026", "week 44 (26 oktober 2026 tot en met 1 november 2026)" or a range of days. */
export function periodLabel(period: Pick<DigestPeriod, 'kind' | 'from' | 'to'>): string {
  if (period.kind === 'month') return t.month(period.from.slice(0, 7));
  if (period.kind === 'week') return t.week(Number(isoWeekOf(period.from).slice(6)), formatDay(period.from), formatDay(period.to));
  return t.days(formatDay(period.from), formatDay(period.to));
}

export function previousLabel(period: DigestPeriod): string {
  return periodLabel({ kind: period.kind, from: period.previousFrom, to: period.previousTo });
}

/** One item of a section: what it is about, its figures in a sentence or two, and a citizen's words. */
export interface DigestItem {
  heading: string;
  lines: string[];
  quote?: string;
  /** What tests and the page's links read: the journey and step slugs. */
  journey: string;
  touchpoint?: string;
}

export interface DigestSection {
  id: string;
  title: string;
  intro?: string;
  items: DigestItem[];
  /** Said instead of the items when there are none. */
  none: string;
  more?: string;
}

/**
 * The digest's sections in words, shared by the mail (text and HTML) and the printable page, so
 * both say exactly the same. Figures are formatted here once.
 */
export function digestSections(content: DigestContent): DigestSection[] {
  const feeling = (point: { estimate?: { mean: number }; n: number }) => nl.overview.knelpunten.feeling(signed(point.estimate!.mean), formatNumber(point.n, 0));
  const sections: DigestSection[] = [
    {
      id: 'knelpunten',
      title: t.knelpunten.title,
      none: t.knelpunten.none,
      items: content.knelpunten.map(({ journey, point, quote, actions }) => ({
        heading: `${point.touchpoint.name} — ${journey.name}`,
        lines: [`${feeling(point)}; ${trendText(point, content.minGroupSize)}.`, `${nl.overview.knelpunten.actions(actions.open, actions.overdue)}.`],
        quote,
        journey: journey.slug,
        touchpoint: point.touchpoint.slug,
      })),
    },
    {
      id: 'goed',
      title: t.compliments.title,
      none: t.compliments.none,
      items: content.compliments.map(({ journey, point, quote }) => ({
        heading: `${point.touchpoint.name} — ${journey.name}`,
        lines: [`${feeling(point)}; ${trendText(point, content.minGroupSize)}.`],
        quote,
        journey: journey.slug,
        touchpoint: point.touchpoint.slug,
      })),
    },
  ];
  sections.push({
    id: 'themas',
    title: t.risingThemes.title,
    none: t.risingThemes.none,
    items: content.risingThemes.map((theme) => ({
      heading: `„${theme.label}” — ${theme.touchpoint.name}, ${theme.journey.name}`,
      lines: [t.risingThemes.line(formatNumber(theme.respondents, 0), formatPercent(theme.share), formatPercent(theme.previousShare))],
      quote: theme.quote,
      journey: theme.journey.slug,
      touchpoint: theme.touchpoint.slug,
    })),
  });
  sections.push({
    id: 'acties',
    title: t.actions.title,
    intro: t.actions.intro(formatDay(content.period.comingTo)),
    none: t.actions.none,
    items: content.actions.map((action) => ({
      heading: `${action.title} — ${action.touchpointName}, ${action.journey.name}`,
      lines: [action.overdue ? t.actions.overdue(formatDay(action.dueOn)) : t.actions.due(formatDay(action.dueOn))],
      journey: action.journey.slug,
    })),
    more: content.actionCount > content.actions.length ? t.actions.more(content.actionCount - content.actions.length) : undefined,
  });
  return sections;
}

/** The response figures per journey, formatted: a row each, '–' where the group is too small. */
export function responseRows(content: DigestContent) {
  return content.responses.map(({ journey, figures }) => ({
    journey,
    invited: figures ? formatNumber(figures.invited, 0) : undefined,
    answered: figures ? formatNumber(figures.answered, 0) : undefined,
    rate: figures ? formatPercent(figures.rate) : undefined,
  }));
}
