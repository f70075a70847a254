import type { User } from '../../src/db/schema';
import type { DesignerItems, DesignerJourney, DesignerTouchpoint } from '../../src/journeys/journey-designer';
import { ItemSections } from './designer-items';
import { ChainSection, type ChainSectionProps } from './chain-section';
import { formatNumber, nl } from '../../src/texts';
import { AdminLayout } from '../admin/admin-layout';
import { ErrorSummary, Notice } from '../components/form';
import { JourneyFields, TouchpointFields, type Errors, type Values } from './designer-fields';
import { journeyHref } from './journeys-page';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { ActionButton, SubmitRow } from '../components/button';

const t = nl.journeyDesigner;

const hasAny = (errors?: Errors) => Object.values(errors ?? {}).some(Boolean);

/** GET /admin/reizen/nieuw (and its 422): a new journey's fields. */
export function NewJourneyPage(props: { user: User; values: Values; errors: Errors }) {
  return (
    <AdminLayout user={props.user} title={t.newJourneyTitle} current="/admin/reizen" hasErrors={hasAny(props.errors)}>
      <LinkParagraph href="/admin/reizen">{t.backToList}</LinkParagraph>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/admin/reizen" novalidate>
        <JourneyFields values={props.values} errors={props.errors} />
        <SubmitRow label={t.create} />
      </form>
    </AdminLayout>
  );
}

export interface JourneyPageProps {
  user: User;
  data: DesignerJourney;
  journeyValues: Values;
  journeyErrors?: Errors;
  touchpointValues: Values;
  touchpointErrors?: Errors;
  notice?: string;
  /** A refused change to a touchpoint (delete with answers, …): shown as an error notice. */
  problem?: string;
  maxTouchpoints: number;
  /** The items it asks, can add, and the survey's estimated length. */
  items: DesignerItems;
  ownItemValues: Values;
  ownItemErrors?: Errors;
  /** The chain settings (ketenreis): owners per step and the partners' case types. */
  chain: ChainSectionProps;
}

const touchpointBase = (journeyId: number, touchpointId: number) => `${journeyHref(journeyId)}/contactmomenten/${touchpointId}`;

/** A small POST form with one button whose accessible name also names the touchpoint. */
function RowButton(props: { action: string; label: string; touchpoint: string; hidden?: Record<string, string>; variant?: 'secondary' | 'subtle' }) {
  return <ActionButton action={props.action} label={props.label} hidden={props.hidden} variant={props.variant} hiddenText={t.forTouchpoint(props.touchpoint)} />;
}

function Flags({ touchpoint }: { touchpoint: DesignerTouchpoint }) {
  const flags = [
    touchpoint.momentOfTruth ? t.momentOfTruthBadge : '',
    touchpoint.askedByDefault ? '' : t.notAskedBadge,
    Object.keys(touchpoint.questions).length > 0 ? t.languagesBadge(Object.keys(touchpoint.questions)) : '',
  ].filter(Boolean);
  return <>{flags.join(', ')}</>;
}

/** The row heading of a touchpoint in both tables: its name with the slug under it. */
function NameCell({ touchpoint }: { touchpoint: DesignerTouchpoint }) {
  return (
    <TableHeaderCell scope="row">
      {touchpoint.name}
      <span class="mh-norm">
        <code>{touchpoint.slug}</code>
      </span>
    </TableHeaderCell>
  );
}

function AnswersCell({ touchpoint }: { touchpoint: DesignerTouchpoint }) {
  return (
    <TableCell kind="numeric" data-answers={touchpoint.answers}>
      {formatNumber(touchpoint.answers, 0)}
    </TableCell>
  );
}

function TouchpointTable(props: { journeyId: number; journeyName: string; touchpoints: DesignerTouchpoint[] }) {
  const c = t.touchpointColumns;
  const last = props.touchpoints.length - 1;
  return (
    <DataTable
      caption={t.touchpointsCaption(props.journeyName)}
      columns={[
        { label: c.position, kind: 'numeric' },
        c.name,
        c.channel,
        c.serviceNorm,
        c.flags,
        { label: c.answers, kind: 'numeric' },
        c.actions,
      ]}
    >
      {props.touchpoints.map((touchpoint, index) => {
        const base = touchpointBase(props.journeyId, touchpoint.id);
        return (
          <TableRow id={`contactmoment-${touchpoint.id}`} data-slug={touchpoint.slug}>
            <TableCell kind="numeric">{index + 1}</TableCell>
            <NameCell touchpoint={touchpoint} />
            <TableCell>{t.channels[touchpoint.channel] ?? touchpoint.channel}</TableCell>
            <TableCell>{touchpoint.serviceNorm ?? t.noNorm}</TableCell>
            <TableCell>
              <Flags touchpoint={touchpoint} />
            </TableCell>
            <AnswersCell touchpoint={touchpoint} />
            <TableCell>
              <span class="mh-actions">
                <a class="utrecht-link" href={base}>
                  {t.edit}
                  <span class="mh-visually-hidden">{t.forTouchpoint(touchpoint.name)}</span>
                </a>
                {index > 0 ? <RowButton action={`${base}/verplaatsen`} hidden={{ richting: 'omhoog' }} label={t.moveUp} touchpoint={touchpoint.name} /> : null}
                {index < last ? <RowButton action={`${base}/verplaatsen`} hidden={{ richting: 'omlaag' }} label={t.moveDown} touchpoint={touchpoint.name} /> : null}
                <RowButton action={`${base}/archiveren`} label={t.archive} touchpoint={touchpoint.name} />
                {touchpoint.answers === 0 ? <RowButton action={`${base}/verwijderen`} label={t.delete} touchpoint={touchpoint.name} variant="subtle" /> : null}
              </span>
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}

function ArchivedTable(props: { journeyId: number; touchpoints: DesignerTouchpoint[] }) {
  const c = t.touchpointColumns;
  return (
    <DataTable
      caption={t.archivedCaption}
      columns={[c.name, c.channel, { label: c.answers, kind: 'numeric' }, c.actions]}
    >
      {props.touchpoints.map((touchpoint) => {
        const base = touchpointBase(props.journeyId, touchpoint.id);
        return (
          <TableRow id={`contactmoment-${touchpoint.id}`} data-slug={touchpoint.slug}>
            <NameCell touchpoint={touchpoint} />
            <TableCell>{t.channels[touchpoint.channel] ?? touchpoint.channel}</TableCell>
            <AnswersCell touchpoint={touchpoint} />
            <TableCell>
              <span class="mh-actions">
                <RowButton action={`${base}/terugzetten`} label={t.restore} touchpoint={touchpoint.name} />
                {touchpoint.answers === 0 ? <RowButton action={`${base}/verwijderen`} label={t.delete} touchpoint={touchpoint.name} variant="subtle" /> : null}
              </span>
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}

/** GET /admin/reizen/:id: the journey's fields, its touchpoints in order with their actions, and a form to add one. */
export function JourneyPage(props: JourneyPageProps) {
  const { journey, active, archived } = props.data;
  const base = journeyHref(journey.id);
  const journeyInvalid = hasAny(props.journeyErrors);
  const touchpointInvalid = hasAny(props.touchpointErrors);
  const ownItemInvalid = hasAny(props.ownItemErrors);
  return (
    <AdminLayout
      user={props.user}
      title={journey.name}
      current="/admin/reizen"
      hasErrors={journeyInvalid || touchpointInvalid || ownItemInvalid || Boolean(props.problem)}
    >
      <LinkParagraph href="/admin/reizen">{t.backToList}</LinkParagraph>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.problem ? <Notice kind="error">{props.problem}</Notice> : null}
      {touchpointInvalid ? <ErrorSummary errors={props.touchpointErrors!} /> : null}
      {journeyInvalid ? <ErrorSummary errors={props.journeyErrors!} /> : null}
      {ownItemInvalid ? <ErrorSummary errors={props.ownItemErrors!} /> : null}
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`${base}/voorbeeld`}>
            {t.preview}
          </a>
        </li>
        <li class="utrecht-unordered-list__item">
          {active.length > 0 ? (
            <a class="utrecht-link" href={`${base}/export.json`} download={`klantreis-${journey.slug}.json`}>
              {t.export}
            </a>
          ) : (
            t.errors.noTouchpointsToExport
          )}
        </li>
      </ul>

      <Section id="contactmomenten" title={t.touchpointsTitle}>
        <p class="utrecht-paragraph">{t.touchpointsIntro}</p>
        {active.length ? <TouchpointTable journeyId={journey.id} journeyName={journey.name} touchpoints={active} /> : <p class="utrecht-paragraph">{t.noTouchpoints}</p>}
      </Section>

      {archived.length ? (
        <Section id="gearchiveerd" title={t.archivedTitle}>
          <p class="utrecht-paragraph">{t.archivedIntro}</p>
          <ArchivedTable journeyId={journey.id} touchpoints={archived} />
        </Section>
      ) : null}

      <Section id="toevoegen" title={t.addTitle}>
        {active.length >= props.maxTouchpoints ? (
          <p class="utrecht-paragraph">{t.errors.tooManyTouchpoints(props.maxTouchpoints)}</p>
        ) : (
          <form method="post" action={`${base}/contactmomenten`} novalidate>
            <TouchpointFields values={props.touchpointValues} errors={props.touchpointErrors ?? {}} />
            <SubmitRow label={t.add} />
          </form>
        )}
      </Section>

      <ItemSections base={base} journeyName={journey.name} items={props.items} ownValues={props.ownItemValues} ownErrors={props.ownItemErrors ?? {}} />

      <ChainSection base={base} {...props.chain} />

      <Section id="gegevens" title={t.detailsTitle}>
        <form method="post" action={base} novalidate>
          <JourneyFields values={props.journeyValues} errors={props.journeyErrors ?? {}} fixedSlug={journey.slug} />
          <SubmitRow label={t.save} />
        </form>
      </Section>
    </AdminLayout>
  );
}
