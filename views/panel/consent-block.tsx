import type { ConsentText } from '../../src/consent-text';
import { CheckboxField, RadioGroup } from '../components/choices';
import { TextField } from '../components/form';
import { Section } from '../components/page-parts';
import { useCitizenTexts } from '../layout';

export interface ConsentBlockProps {
  text: ConsentText;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/**
 * The optional consent block at the end of the survey, in the page's language: the full text
 * first (`text`, in that language), then a checkbox that is never pre-ticked, then the contact
 * details. The hash of the shown text goes with the form.
 */
export function ConsentBlock({ text, values, errors }: ConsentBlockProps) {
  const t = useCitizenTexts().panel.consent;
  return (
    <Section id="toestemming-titel" title={t.heading} class="mh-step">
      <div id="toestemming-tekst">
        {text.paragraphs.map((paragraph) => (
          <p class="utrecht-paragraph">{paragraph}</p>
        ))}
      </div>
      <input type="hidden" name="panel-text-hash" value={text.hash} />
      <CheckboxField name="panel-consent" label={t.checkbox} value="ja" checked={values['panel-consent'] === 'ja'} describedBy="toestemming-tekst" />
      <TextField name="panel-email" label={t.emailLabel} type="email" autocomplete="email" hint={t.emailHint} value={values['panel-email'] ?? ''} error={errors['panel-email']} />
      <TextField name="panel-name" label={t.nameLabel} type="text" autocomplete="name" value={values['panel-name'] ?? ''} error={errors['panel-name']} />
      <TextField name="panel-phone" label={t.phoneLabel} type="tel" autocomplete="tel" value={values['panel-phone'] ?? ''} error={errors['panel-phone']} />
      <RadioGroup
        name="panel-contact"
        legend={t.preferredLegend}
        options={t.preferredOptions}
        layout="list"
        value={values['panel-contact']}
        error={errors['panel-contact']}
        optional
      />
    </Section>
  );
}
