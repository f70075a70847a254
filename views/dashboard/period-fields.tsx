import { periodChoices } from '../../src/heartmonitor/filters';
import { nl } from '../../src/texts';
import { DateField, Select } from '../components/form';

const t = nl.dashboard;

/** The period choice and its from/to dates, shared by the dashboards' filter forms; empty dates show the period's own. */
export function PeriodFields(props: { query: { periode: string; van: string; tot: string }; errors: Record<string, string>; from: string; to: string }) {
  return (
    <>
      <Select name="periode" label={t.period} value={props.query.periode} options={periodChoices.map((value) => ({ value, label: t.periods[value] }))} />
      <DateField name="van" label={t.from} value={props.query.van || props.from} error={props.errors.van} />
      <DateField name="tot" label={t.to} value={props.query.tot || props.to} error={props.errors.tot} />
    </>
  );
}
