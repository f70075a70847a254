import type { PublishedImprovement } from '../../src/actions/action-queries';
import type { Quarter } from '../../src/actions/quarters';
import { nl } from '../../src/texts';
import { LinkParagraph } from '../components/page-parts';
import { Layout, useOrganisation } from '../layout';
import { formatDay } from './format';

const t = nl.improvements;

/**
 * /verbeteringen — "Dit deden we met uw feedback": what changed, per quarter, newest first.
 * Only what a manager published: the journey, the step and the text written for citizens.
 */
export function ImprovementsPage(props: { quarters: { quarter: Quarter; items: PublishedImprovement[] }[] }) {
  return (
    <Layout title={t.title}>
      <h1 class="utrecht-heading-1">{t.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.intro(useOrganisation())}</p>
      <p class="utrecht-paragraph">{nl.publicResults.backLead}</p>
      <LinkParagraph href="/resultaten">{nl.publicResults.backLink}</LinkParagraph>
      {props.quarters.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : null}
      {props.quarters.map(({ quarter, items }) => (
        <section data-hook="quarter" aria-labelledby={`kwartaal-${quarter.key}`} data-quarter={quarter.key}>
          <h2 class="utrecht-heading-2" id={`kwartaal-${quarter.key}`}>
            {t.quarter(quarter.year, quarter.quarter)}
          </h2>
          <ul class="mh-improvements">
            {items.map((item) => (
              <li class="mh-improvement" data-improvement={item.id}>
                <h3 class="utrecht-heading-3">{t.step(item.journeyName, item.touchpointName)}</h3>
                {item.partnerName ? <p class="utrecht-paragraph mh-muted">{t.by(item.partnerName)}</p> : null}
                <p class="utrecht-paragraph mh-pre-line">{item.publicSummary}</p>
                <p class="utrecht-paragraph mh-muted">{item.status === 'klaar' && item.doneOn ? t.done(formatDay(item.doneOn)) : t.inProgress}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
