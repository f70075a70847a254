import { actionStatuses, type Journey, type User } from '../../src/db/schema';
import type { ChainActionForm } from '../../src/chain/chain-actions';
import type { ChainAction, ChainViewData, Knelpunt } from '../../src/chain/chain-queries';
import type { ChainStep } from '../../src/chain/chain-view';
import { formatDate, formatDay, formatNumber, formatPercent, nl } from '../../src/texts';
import { effectLine } from '../actions/effect-view';
import { ChartFigure } from '../components/chart-figure';
import { ErrorSummary, Notice, Select, SelectField, TextAreaField, TextField } from '../components/form';
import { SubmitRow } from '../components/button';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { chartScripts, DashboardLayout } from '../dashboard/dashboard-layout';
import { HeartLineSvg } from '../journey-map/heart-line-svg';
import { MapRow, MapTable, type MapColumn } from '../journey-map/map-table';

const t = nl.chain;
type StaffUser = Pick<User, 'email' | 'role'>;

const round = (value: number) => Math.round(value * 1000) / 1000;
const mean = (step: ChainStep) => (step.point.estimate ? formatNumber(step.point.estimate.mean, 2, true) : '–');
const chainHref = (journey: Pick<Journey, 'slug'>, query = '') => `/dashboard/keten/${encodeURIComponent(journey.slug)}${query ? `?${query}` : ''}`;

/** The filters' query string without defaults, so links keep the chosen period. */
function filterQuery(data: ChainViewData): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(data.filters.query)) if (value && name !== 'reis') params.set(name, value);
  return params.toString();
}

export function ChainListPage(props: { journeys: Journey[]; user: StaffUser }) {
  return (
    <DashboardLayout title={t.listTitle} heading={t.listTitle} user={props.user} current="keten">
      <p class="utrecht-paragraph">{t.listIntro}</p>
      {props.journeys.length === 0 ? (
        <p class="utrecht-paragraph">{t.listNone}</p>
      ) : (
        <ul class="utrecht-unordered-list" data-hook="chain-list">
          {props.journeys.map((journey) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={chainHref(journey)}>
                {journey.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </DashboardLayout>
  );
}

function PeriodForm({ data, action }: { data: ChainViewData; action: string }) {
  const choice = data.filters.query.periode === 'eigen' ? '90' : data.filters.query.periode;
  return (
    <form method="get" action={action} class="mh-filters">
      <Select name="periode" label={t.periodLabel} value={choice} options={['30', '90', '365'].map((days) => ({ value: days, label: t.periodDays(days) }))} />
      <SubmitRow label={t.show} variant="secondary" />
    </form>
  );
}

function HandOffBadge({ step }: { step: ChainStep }) {
  return step.handOff ? (
    <span class="mh-badge" data-hook="hand-off">
      {t.handOff(step.handOff.from.name, step.handOff.to.name)}
    </span>
  ) : null;
}

function HeartLinePanel({ data }: { data: ChainViewData }) {
  const { steps } = data;
  const chart = {
    labels: steps.map((step) => `${step.point.touchpoint.name} (${step.owner.name})`),
    mean: steps.map((step) => (step.point.estimate ? round(step.point.estimate.mean) : null)),
    low: steps.map((step) => (step.point.estimate && Number.isFinite(step.point.estimate.low) ? round(step.point.estimate.low) : null)),
    high: steps.map((step) => (step.point.estimate && Number.isFinite(step.point.estimate.high) ? round(step.point.estimate.high) : null)),
    n: steps.map((step) => step.point.n),
    dip: steps.map((step) => Boolean(step.dip)),
    momentOfTruth: steps.map((step) => step.point.touchpoint.momentOfTruth),
    labelsText: {
      mean: nl.dashboard.heartMonitor.mean,
      interval: nl.dashboard.heartMonitor.interval,
      neutral: nl.dashboard.heartMonitor.neutralLine,
      dip: t.dip,
      dipMarker: nl.dashboard.heartMonitor.dipMarker,
      momentOfTruth: nl.dashboard.heartMonitor.momentOfTruth,
      momentOfTruthMarker: nl.dashboard.heartMonitor.momentOfTruthMarker,
    },
  };
  return (
    <Section id="ketenhartlijn-titel" title={t.heartLine.title} class="mh-panel">
      <ChartFigure id="ketenhartlijn-grafiek" kind="heartmonitor" label={t.heartLine.chartLabel(data.journey.name)} data={chart} />
      <LinkParagraph href="#ketenstappen-titel">{t.heartLine.toTable}</LinkParagraph>
    </Section>
  );
}

function StepsTablePanel({ data }: { data: ChainViewData }) {
  const h = t.heartLine;
  return (
    <Section id="ketenstappen-titel" title={h.tableTitle} class="mh-panel">
      <DataTable caption={h.caption} columns={[h.step, h.owner, h.handOff, { label: h.n, kind: 'numeric-data' }, { label: h.mean, kind: 'numeric-data' }, h.status]} data-hook="chain-steps">
        {data.steps.map((step) => (
          <TableRow class={step.dip ? 'mh-row-dip' : undefined} data-touchpoint={step.point.touchpoint.slug} data-owner={step.owner.slug}>
            <TableHeaderCell scope="row">{step.point.touchpoint.name}</TableHeaderCell>
            <TableCell>{step.owner.name}</TableCell>
            <TableCell>
              {step.handOff ? <span data-hook="hand-off">{t.handOff(step.handOff.from.name, step.handOff.to.name)}</span> : step.afterHandOff ? t.afterHandOff : '–'}
            </TableCell>
            <TableCell kind="numeric-data">{formatNumber(step.point.n, 0)}</TableCell>
            <TableCell kind="numeric-data" data-mean={step.point.estimate ? round(step.point.estimate.mean) : ''}>
              {mean(step)}
            </TableCell>
            <TableCell>{!step.point.estimate ? t.tooFew(data.minGroupSize) : step.dip ? (step.dip.chainRelated ? t.knelpunten.chainLabel : t.dip) : '–'}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

function Quotes({ knelpunt, minGroupSize }: { knelpunt: Knelpunt; minGroupSize: number }) {
  const k = t.knelpunten;
  if (!knelpunt.quotes) return <p class="utrecht-paragraph mh-muted">{k.quotesWithheld(minGroupSize)}</p>;
  if (knelpunt.quotes.length === 0) return <p class="utrecht-paragraph mh-muted">{k.noQuotes}</p>;
  return (
    <ul class="mh-quotes">
      {knelpunt.quotes.map((quote) => (
        <li>
          <blockquote class="mh-quote">
            <p class="utrecht-paragraph">{quote.comment}</p>
          </blockquote>
          <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">
            {`${formatDate(quote.answeredAt)} · ${nl.feelingOptions.find((option) => option.value === String(quote.feeling))?.label ?? ''}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

function KnelpuntenPanel({ data }: { data: ChainViewData }) {
  const k = t.knelpunten;
  return (
    <Section id="knelpunten-titel" title={k.title} class="mh-panel">
      <p class="utrecht-paragraph">{k.intro}</p>
      {data.knelpunten.length === 0 ? (
        <p class="utrecht-paragraph">{k.none}</p>
      ) : (
        <ol class="mh-dips" data-hook="knelpunten">
          {data.knelpunten.map((knelpunt) => {
            const { step } = knelpunt;
            return (
              <li class="mh-dip" data-touchpoint={step.point.touchpoint.slug} data-chain={step.dip.chainRelated ? 'ja' : 'nee'}>
                <h3 class="utrecht-heading-3">
                  {step.point.touchpoint.name}
                  <span class="mh-badge">{step.dip.chainRelated ? k.chainLabel : k.otherLabel}</span>
                </h3>
                <p class="utrecht-paragraph">
                  {k.owner(step.owner.name)} <HandOffBadge step={step} />
                  {step.afterHandOff ? <span class="mh-badge">{t.afterHandOff}</span> : null}
                </p>
                <p class="utrecht-paragraph">
                  {[step.dip.negative ? k.negative(mean(step)) : '', step.dip.drop ? k.drop(formatNumber(step.dip.drop.difference, 2, true)) : '', nl.dashboard.dips.reach(step.point.n)]
                    .filter(Boolean)
                    .join(' ')}
                </p>
                {knelpunt.driver?.share !== undefined && knelpunt.driver.rank !== undefined ? (
                  <p class="utrecht-paragraph" data-hook="driver">
                    {k.driver(formatPercent(knelpunt.driver.share), knelpunt.driver.rank)}
                  </p>
                ) : null}
                {knelpunt.themes.length > 0 ? (
                  <>
                    <h4 class="utrecht-heading-4 mh-small-heading">{k.themesTitle}</h4>
                    <p class="utrecht-paragraph" data-hook="themes">
                      {knelpunt.themes.map((theme) => k.theme(theme.label, theme.responses)).join(' · ')}
                    </p>
                  </>
                ) : null}
                <h4 class="utrecht-heading-4 mh-small-heading">{k.quotesTitle}</h4>
                <Quotes knelpunt={knelpunt} minGroupSize={data.minGroupSize} />
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

function OwnershipPanel({ data }: { data: ChainViewData }) {
  return (
    <Section id="eigenaren-titel" title={t.ownership.title} class="mh-panel">
      <ul class="utrecht-unordered-list" data-hook="ownership">
        {data.ownership.map(({ partner, steps }) => (
          <li class="utrecht-unordered-list__item" data-owner={partner.slug}>
            <strong>{partner.name}</strong>
            {partner.id === data.journey.organisationId ? ` (${t.coordinator.toLowerCase()})` : ''}
            {': '}
            {steps.length === 0 ? t.ownership.none : steps.map((step) => step.point.touchpoint.name).join(', ')}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ActionStatus({ entry }: { entry: ChainAction }) {
  return (
    <>
      {nl.actions.statuses[entry.action.status]}
      {entry.action.status === 'klaar' && entry.action.doneOn ? ` (${formatDay(entry.action.doneOn)})` : ''}
      {entry.overdue ? <span class="mh-badge">{t.actions.overdue}</span> : null}
    </>
  );
}

function ActionsTable({ data }: { data: ChainViewData }) {
  const a = t.actions;
  if (data.actions.length === 0) return <p class="utrecht-paragraph">{a.none}</p>;
  return (
    <DataTable caption={a.caption} columns={[a.step, a.action, a.organisation, a.owner, a.due, a.status, a.effect, a.change]} data-hook="chain-actions">
      {data.actions.map((entry) => (
        <TableRow data-action-id={entry.action.id} data-status={entry.action.status} data-organisation={entry.organisation.slug}>
          <TableCell>{entry.step?.name ?? ''}</TableCell>
          <TableHeaderCell scope="row">{entry.action.title}</TableHeaderCell>
          <TableCell>{entry.organisation.name}</TableCell>
          <TableCell>{entry.action.owner}</TableCell>
          <TableCell>{entry.action.dueOn ? formatDay(entry.action.dueOn) : '–'}</TableCell>
          <TableCell>
            <ActionStatus entry={entry} />
          </TableCell>
          <TableCell data-hook="effect">{entry.action.status === 'klaar' ? effectLine(entry.effect) : '–'}</TableCell>
          <TableCell>
            {entry.editable ? (
              <a class="utrecht-link" href={`${chainHref(data.journey)}/acties/${entry.action.id}`} aria-label={a.changeLabel(entry.action.title)}>
                {a.change}
              </a>
            ) : (
              '–'
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The fields of a chain action that a partner creates (all) or changes (status, days, description). */
function ActionFields({ form, steps, partners, viewerId }: { form?: ChainActionForm; steps?: ChainStep[]; partners?: ChainViewData['partners']; viewerId?: number }) {
  const a = t.actions;
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  return (
    <>
      {steps && partners ? (
        <>
          <SelectField
            name="touchpoint"
            label={a.stepLabel}
            value={values.touchpoint ?? ''}
            options={[{ value: '', label: a.stepPlaceholder }, ...steps.map((step) => ({ value: String(step.point.touchpoint.id), label: `${step.point.touchpoint.name} (${step.owner.name})` }))]}
            error={errors.touchpoint ?? errors.journey}
            required
          />
          <TextField name="title" label={a.titleLabel} value={values.title} error={errors.title} required />
          <SelectField
            name="organisation"
            label={a.organisationLabel}
            value={values.organisation ?? String(viewerId)}
            options={partners.map((partner) => ({ value: String(partner.id), label: partner.name }))}
            error={errors.organisation}
            required
          />
          <TextField name="owner" label={a.ownerLabel} value={values.owner} error={errors.owner} required />
        </>
      ) : null}
      <TextAreaField name="description" label={a.descriptionLabel} value={values.description} error={errors.description} rows={3} />
      <TextField name="dueOn" type="date" label={a.dueLabel} value={values.dueOn} error={errors.dueOn} />
      <SelectField
        name="status"
        label={a.statusLabel}
        value={values.status ?? 'idee'}
        options={actionStatuses.map((status) => ({ value: status, label: nl.actions.statuses[status] }))}
        error={errors.status}
        required
      />
      <TextField name="doneOn" type="date" label={a.doneLabel} value={values.doneOn} error={errors.doneOn} />
    </>
  );
}

function ActionsPanel({ data, form, notice }: { data: ChainViewData; form?: ChainActionForm; notice?: string }) {
  const a = t.actions;
  return (
    <Section id="acties-titel" title={a.title} class="mh-panel">
      <p class="utrecht-paragraph">{a.intro}</p>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      <ActionsTable data={data} />
      <Section id="nieuwe-actie-titel" title={a.newTitle} level={3}>
        {form ? <ErrorSummary errors={form.errors} targets={{ journey: 'touchpoint' }} /> : null}
        <form method="post" action={`${chainHref(data.journey)}/acties`} novalidate>
          <ActionFields form={form} steps={data.steps} partners={data.partners} viewerId={data.viewer.id} />
          <SubmitRow label={a.create} />
        </form>
      </Section>
    </Section>
  );
}

export function ChainPage(props: { data: ChainViewData; user: StaffUser; form?: ChainActionForm; notice?: string }) {
  const { data } = props;
  const query = filterQuery(data);
  return (
    <DashboardLayout
      title={t.title(data.journey.name)}
      heading={t.title(data.journey.name)}
      user={props.user}
      current="keten"
      hasErrors={Boolean(props.form) || Object.keys(data.filters.errors).length > 0}
      scripts={chartScripts}
    >
      <LinkParagraph href="/dashboard/keten">{t.back}</LinkParagraph>
      <p class="utrecht-paragraph">{t.intro}</p>
      <p class="utrecht-paragraph" data-hook="partners">
        {t.partners(data.partners.map((partner) => (partner.id === data.journey.organisationId ? `${partner.name} (${t.coordinator.toLowerCase()})` : partner.name)))}
      </p>
      <p class="utrecht-paragraph mh-muted">{t.privacyNote}</p>
      <PeriodForm data={data} action={chainHref(data.journey)} />
      <p class="utrecht-paragraph mh-period" role="status">
        {t.period(data.filters.from, data.filters.to)}
      </p>
      <LinkParagraph href={`${chainHref(data.journey)}/kaart${query ? `?${query}` : ''}`}>{t.mapLink}</LinkParagraph>
      <KnelpuntenPanel data={data} />
      <HeartLinePanel data={data} />
      <StepsTablePanel data={data} />
      <OwnershipPanel data={data} />
      <ActionsPanel data={data} form={props.form} notice={props.notice} />
    </DashboardLayout>
  );
}

/** One row of the printable map: an aspect (row header) with a cell per step. */
/** A chain step as a column of the map: highlighted when it is a dip. */
const columnOf = (step: ChainStep): MapColumn => ({ slug: step.point.touchpoint.slug, dip: Boolean(step.dip) });

/**
 * The chain journey map for the CKA workshop: the steps as columns (owner, hand-offs), the heart
 * line over them, the feeling, the ketenknelpunten with their quotes and the shared actions.
 * Printed on A3 landscape by /assets/journey-map.css, the klantreiskaart's stylesheet.
 */
export function ChainMapPage({ data, user }: { data: ChainViewData; user: StaffUser }) {
  const m = t.map;
  const { steps } = data;
  const knelpuntOf = new Map(data.knelpunten.map((knelpunt) => [knelpunt.step.point.touchpoint.id, knelpunt]));
  return (
    <DashboardLayout title={m.title(data.journey.name)} heading={m.title(data.journey.name)} user={user} current="keten" stylesheets={['/assets/journey-map.css']}>
      <p class="utrecht-paragraph mh-map-intro">{m.intro}</p>
      <p class="utrecht-paragraph mh-map-print-hint">
        <a class="utrecht-link" href={`${chainHref(data.journey, filterQuery(data))}`}>
          {t.viewLink}
        </a>
        {` · ${m.printHint}`}
      </p>
      <Section id="kaart-titel" title={data.journey.name} class="mh-map">
        <p class="utrecht-paragraph">{t.partners(data.partners.map((partner) => partner.name))}</p>
        <MapTable
          caption={m.caption(data.journey.name, data.filters.from, data.filters.to)}
          columns={steps.map(columnOf)}
          header={(index) => (
            <>
              <span class="mh-map-step-name">{steps[index]!.point.touchpoint.name}</span>
              {steps[index]!.handOff ? (
                <span class="mh-badge mh-map-dip-badge" data-hook="hand-off">
                  {t.handOff(steps[index]!.handOff!.from.name, steps[index]!.handOff!.to.name)}
                </span>
              ) : null}
            </>
          )}
          heartLine={<HeartLineSvg points={steps.map((step) => ({ ...step.point, dip: step.dip ? { belowNeutral: step.dip.negative, worseThanBefore: false, severity: step.dip.severity, score: step.dip.score } : undefined }))} journeyName={data.journey.name} />}
        >
          <MapRow id="eigenaar" label={m.rows.owner} steps={steps} column={columnOf} cell={(step) => step.owner.name} />
          <MapRow
            id="gevoel"
            label={m.rows.feeling}
            steps={steps}
            column={columnOf}
            cell={(step) => (step.point.estimate ? <p class="mh-map-mean">{m.mean(mean(step), step.point.n)}</p> : <p class="mh-map-withheld">{t.tooFew(data.minGroupSize)}</p>)}
          />
          <MapRow
            id="knelpunten"
            label={m.rows.knelpunten}
            steps={steps}
            column={columnOf}
            cell={(step) => {
              const knelpunt = knelpuntOf.get(step.point.touchpoint.id);
              if (!knelpunt) return <p class="mh-muted">{m.noKnelpunt}</p>;
              return (
                <>
                  <p class="mh-map-dip">
                    <strong>{step.dip!.chainRelated ? t.knelpunten.chainLabel : t.dip}</strong>
                  </p>
                  {knelpunt.quotes && knelpunt.quotes.length > 0 ? (
                    <ul class="mh-map-quotes">
                      {knelpunt.quotes.map((quote) => (
                        <li>
                          <blockquote class="mh-map-quote">
                            <p>{quote.comment}</p>
                          </blockquote>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p class="mh-map-withheld">{knelpunt.quotes ? t.knelpunten.noQuotes : t.knelpunten.quotesWithheld(data.minGroupSize)}</p>
                  )}
                </>
              );
            }}
          />
          <MapRow
            id="acties"
            label={m.rows.actions}
            steps={steps}
            column={columnOf}
            cell={(step) => {
              const actions = data.actions.filter((entry) => entry.action.touchpointId === step.point.touchpoint.id);
              if (actions.length === 0) return <p class="mh-muted">{m.noActions}</p>;
              return (
                <ul class="mh-map-actions">
                  {actions.map((entry) => (
                    <li class={`mh-map-action${entry.overdue ? ' mh-map-action--overdue' : ''}`} data-action-id={entry.action.id} data-status={entry.action.status}>
                      <p>
                        <strong>{entry.action.title}</strong>
                      </p>
                      <p>{`${entry.organisation.name} · ${entry.action.owner}`}</p>
                      <p>
                        <ActionStatus entry={entry} />
                      </p>
                      {entry.action.status === 'klaar' ? <p>{effectLine(entry.effect)}</p> : null}
                    </li>
                  ))}
                </ul>
              );
            }}
          />
        </MapTable>
        <p class="utrecht-paragraph mh-map-legend">{nl.journeyMap.heartLineHint}</p>
        <p class="utrecht-paragraph mh-map-generated">{m.generated(formatDay(data.today))}</p>
      </Section>
    </DashboardLayout>
  );
}

/** Changing one of the own organisation's chain actions: status, days and description. */
export function ChainActionPage(props: { journey: Journey; entry: ChainAction; user: StaffUser; form?: ChainActionForm }) {
  const a = t.actions;
  const { action } = props.entry;
  const form: ChainActionForm = props.form ?? {
    values: { description: action.description ?? '', dueOn: action.dueOn ?? '', status: action.status, doneOn: action.doneOn ?? '' },
    errors: {},
  };
  return (
    <DashboardLayout title={a.editTitle(action.title)} heading={a.editTitle(action.title)} user={props.user} current="keten" hasErrors={Boolean(props.form)}>
      <LinkParagraph href={`${chainHref(props.journey)}#acties-titel`}>{t.viewLink}</LinkParagraph>
      <p class="utrecht-paragraph">{a.editIntro}</p>
      <p class="utrecht-paragraph">{`${a.step}: ${props.entry.step?.name ?? ''} · ${a.organisation}: ${props.entry.organisation.name} · ${a.effect}: ${effectLine(props.entry.effect)}`}</p>
      {props.form ? <ErrorSummary errors={props.form.errors} /> : null}
      <form method="post" action={`${chainHref(props.journey)}/acties/${action.id}`} novalidate>
        <ActionFields form={form} />
        <SubmitRow label={a.save} />
      </form>
    </DashboardLayout>
  );
}
