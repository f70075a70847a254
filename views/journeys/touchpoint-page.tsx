import type { Journey, Touchpoint, User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { AdminLayout } from '../admin/admin-layout';
import { ErrorSummary, Notice } from '../components/form';
import { TouchpointFields, type Errors, type Values } from './designer-fields';
import { journeyHref } from './journeys-page';
import { SubmitRow } from '../components/button';
import { LinkParagraph } from '../components/page-parts';

const t = nl.journeyDesigner;

export interface TouchpointPageProps {
  user: User;
  journey: Journey;
  touchpoint: Touchpoint;
  values: Values;
  errors: Errors;
  notice?: string;
}

/** GET /admin/reizen/:id/contactmomenten/:touchpointId: rename a touchpoint, change its channel, norm, flags and questions. */
export function TouchpointPage(props: TouchpointPageProps) {
  const { journey, touchpoint } = props;
  const base = journeyHref(journey.id);
  return (
    <AdminLayout
      user={props.user}
      title={t.editTouchpointTitle(touchpoint.name)}
      current="/admin/reizen"
      hasErrors={Object.values(props.errors).some(Boolean)}
    >
      <LinkParagraph href={`${base}#contactmoment-${touchpoint.id}`}>{t.backToJourney(journey.name)}</LinkParagraph>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      <p class="utrecht-paragraph">{t.slugOfTouchpoint(touchpoint.slug)}</p>
      <form method="post" action={`${base}/contactmomenten/${touchpoint.id}`} novalidate>
        <TouchpointFields values={props.values} errors={props.errors} removeAction={`${base}/contactmomenten/${touchpoint.id}/vraag-verwijderen`} />
        <SubmitRow label={t.save} />
      </form>
    </AdminLayout>
  );
}
