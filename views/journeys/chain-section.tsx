import type { ChainFormLayout } from '../../src/journeys/journey-designer';
import { nl } from '../../src/texts';
import { SubmitRow } from '../components/button';
import { CheckboxField } from '../components/choices';
import { ErrorSummary, SelectField, TextAreaField } from '../components/form';
import { Section } from '../components/page-parts';
import type { Errors, Values } from './designer-fields';

const t = nl.chainDesigner;

export interface ChainSectionProps {
  layout: ChainFormLayout;
  values: Values;
  errors?: Errors;
}

/** The journey page's chain settings: the flag, each step's owner and the partners' case types. */
export function ChainSection(props: ChainSectionProps & { base: string }) {
  const errors = props.errors ?? {};
  const { layout } = props;
  return (
    <Section id="keten" title={t.title}>
      <p class="utrecht-paragraph">{t.intro}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${props.base}/keten`} novalidate>
        <CheckboxField name="chain" label={t.chain} hint={t.chainHint} checked={props.values.chain === 'on'} />
        {layout.owners.length > 0 ? (
          <Section id="keten-eigenaren" title={t.ownersTitle} level={3}>
            {layout.owners.map((field) => (
              <SelectField name={field.name} label={field.label} value={props.values[field.name]} options={layout.options} error={errors[field.name]} />
            ))}
          </Section>
        ) : null}
        <Section id="keten-zaaktypen" title={t.partnerCaseTypesTitle} level={3}>
          <p class="utrecht-paragraph">{layout.partners.length === 0 ? t.noPartners : t.partnerCaseTypesIntro}</p>
          {layout.partners.map((field) => (
            <TextAreaField name={field.name} label={field.label} value={props.values[field.name]} error={errors[field.name]} rows={3} />
          ))}
        </Section>
        <SubmitRow label={t.save} />
      </form>
    </Section>
  );
}
