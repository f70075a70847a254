import type { DashboardData } from '../../src/dashboard/dashboard-data';
import { nl } from '../../src/texts';
import { Section } from '../components/page-parts';

const t = nl.segmentGaps;

/** "Verschillen tussen groepen": the significant gaps of this journey in words, largest size × reach first. */
export function SegmentGapsPanel({ data }: { data: DashboardData }) {
  const { tested, gaps } = data.segmentGaps;
  return (
    <Section id="groepen-titel" title={t.title} class="mh-panel">
      <p class="utrecht-paragraph">{t.intro(data.minGroupSize)}</p>
      {data.filters.segment ? <p class="utrecht-paragraph">{t.segmentFilterNote}</p> : null}
      {gaps.length === 0 ? (
        <p class="utrecht-paragraph">{t.none}</p>
      ) : (
        <ol class="mh-gaps">
          {gaps.map((gap) => (
            <li class="mh-gap" data-touchpoint={gap.touchpoint.slug} data-segment={`${gap.key}:${gap.value}`}>
              <p class="utrecht-paragraph">
                <strong>{t.sentence(gap.value, gap.touchpoint.name, gap.group.mean, gap.rest.mean)}</strong>
              </p>
              <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">
                {t.detail(gap.key, gap.value, gap.group.n, gap.rest.n, gap.change.difference, gap.change.low, gap.change.high, gap.adjustedP)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.tested(tested)}</p>
    </Section>
  );
}
