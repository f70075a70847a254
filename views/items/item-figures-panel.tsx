import type { Touchpoint } from '../../src/db/schema';
import type { AnsweredFigures, AnsweredRate, ItemFigure, ItemPanelData } from '../../src/items/item-figures';
import { formatNumber, formatTrendPeriods, nl } from '../../src/texts';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';

const t = nl.itemFigures;
const numeric = (label: string) => ({ label, kind: 'numeric-data' as const });
const round = (value: number) => Math.round(value * 10000) / 10000;

type Steps = Pick<Touchpoint, 'id' | 'name'>[];
const stepName = (steps: Steps, id: number | null) => (id === null ? t.wholeJourney : steps.find((step) => step.id === id)?.name ?? t.wholeJourney);

/** The scale's values with their counts in the order the survey shows them, "weet ik niet" apart: "ja: 30 · deels: 10 · nee: 10". */
function distributionText(item: ItemFigure): string {
  const rows = item.scale === 'ja-deels-nee' ? [...(item.distribution ?? [])].reverse() : item.distribution ?? [];
  const parts = rows.map((row) => `${t.valueLabel(item.scale, row.value, item.options)}: ${formatNumber(row.count, 0)}`);
  if (item.dontKnow > 0) parts.push(t.dontKnow(item.dontKnow));
  return parts.join(' · ');
}

function ItemRow({ item, steps }: { item: ItemFigure; steps: Steps }) {
  const digits = item.scale === 'cijfer-1-10' ? 1 : 2;
  return (
    <TableRow data-item={item.code} data-touchpoint={item.touchpointId ?? ''} data-positive={item.positive ? round(item.positive.rate) : ''} data-mean={item.mean ? round(item.mean.mean) : ''}>
      <TableHeaderCell scope="row">{item.code}</TableHeaderCell>
      <TableCell>
        {item.question}
        <span class="mh-norm">{t.scaleOf[item.scale]}</span>
        {item.removed ? <span class="mh-badge" data-hook="item-removed">{t.removed}</span> : null}
      </TableCell>
      <TableCell>{stepName(steps, item.touchpointId)}</TableCell>
      <TableCell kind="numeric-data">{formatNumber(item.n, 0)}</TableCell>
      {item.reportable ? (
        <>
          <TableCell kind="numeric-data">{item.positive ? t.share(item.positive.rate) : '–'}</TableCell>
          <TableCell>{item.positive ? t.shareInterval(item.positive.low, item.positive.high) : '–'}</TableCell>
          <TableCell kind="numeric-data">{item.mean ? formatNumber(item.mean.mean, digits) : '–'}</TableCell>
          <TableCell>{item.mean && Number.isFinite(item.mean.low) ? t.interval(item.mean.low, item.mean.high, digits) : '–'}</TableCell>
          <TableCell>{distributionText(item)}</TableCell>
        </>
      ) : (
        <TableCell colspan={5} data-hook="item-too-few">
          {t.tooFew}
        </TableCell>
      )}
    </TableRow>
  );
}

function RateRows({ rates, label }: { rates: AnsweredRate[]; label: (rate: AnsweredRate, index: number) => string }) {
  return (
    <>
      {rates.map((rate, index) => (
        <TableRow data-key={rate.key} data-yes={rate.rates ? round(rate.rates.yes.rate) : ''}>
          <TableHeaderCell scope="row">{label(rate, index)}</TableHeaderCell>
          <TableCell kind="numeric-data">{formatNumber(rate.n, 0)}</TableCell>
          {rate.rates ? (
            <>
              <TableCell kind="numeric-data">{`${t.share(rate.rates.yes.rate)} (${formatNumber(rate.yes, 0)})`}</TableCell>
              <TableCell kind="numeric-data">{`${t.share(rate.rates.partly.rate)} (${formatNumber(rate.partly, 0)})`}</TableCell>
              <TableCell kind="numeric-data">{`${t.share(rate.rates.no.rate)} (${formatNumber(rate.no, 0)})`}</TableCell>
              <TableCell>{t.shareInterval(rate.rates.yes.low, rate.rates.yes.high)}</TableCell>
            </>
          ) : (
            <TableCell colspan={4}>{t.tooFew}</TableCell>
          )}
        </TableRow>
      ))}
    </>
  );
}

function AnsweredPanel({ answered, steps }: { answered: AnsweredFigures; steps: Steps }) {
  const c = t.answered.columns;
  const columns = (first: string) => [first, numeric(c.n), numeric(c.yes), numeric(c.partly), numeric(c.no), c.yesInterval];
  const periods = formatTrendPeriods(answered.trend.map((rate) => rate.key));
  return (
    <Section id="beantwoord-titel" title={t.answered.title} level={3}>
      <p class="utrecht-paragraph">{t.answered.intro}</p>
      {answered.perStep.length > 0 ? (
        <DataTable caption={t.answered.perStepCaption} columns={columns(c.step)} data-hook="answered-per-step">
          <RateRows rates={answered.perStep} label={(rate) => stepName(steps, Number(rate.key))} />
        </DataTable>
      ) : null}
      <DataTable caption={t.answered.perChannelCaption} columns={columns(c.channel)} data-hook="answered-per-channel">
        <RateRows rates={answered.perChannel} label={(rate) => rate.key || t.answered.noChannel} />
      </DataTable>
      <DataTable caption={t.answered.trendCaption(answered.granularity)} columns={columns(c.period)} data-hook="answered-trend">
        <RateRows rates={answered.trend} label={(_, index) => periods[index]!} />
      </DataTable>
    </Section>
  );
}

/** The dashboard's panel "Vragen uit de vragenbank": a row per item, then "Is uw vraag beantwoord?". */
export function ItemFiguresPanel({ data, steps, minGroupSize }: { data: ItemPanelData; steps: Steps; minGroupSize: number }) {
  const c = t.columns;
  return (
    <Section id="vragen-titel" sectionId="vragen" title={t.title} class="mh-panel">
      {data.items.length === 0 ? (
        <p class="utrecht-paragraph">{t.none}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t.intro}</p>
          <DataTable
            caption={t.caption}
            columns={[c.code, c.question, c.where, numeric(c.n), numeric(c.positive), c.positiveInterval, numeric(c.mean), c.meanInterval, c.distribution]}
            data-hook="item-figures"
          >
            {data.items.map((item) => (
              <ItemRow item={item} steps={steps} />
            ))}
          </DataTable>
          <p class="utrecht-paragraph utrecht-paragraph--small mh-muted">{t.tooFewNote(minGroupSize)}</p>
        </>
      )}
      {data.answered ? <AnsweredPanel answered={data.answered} steps={steps} /> : null}
    </Section>
  );
}
