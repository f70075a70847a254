import type { User } from '../../src/db/schema';
import type { CaseChoices } from '../../src/survey/assisted';
import { assistedModes } from '../../src/db/schema';
import { nl, segmentKeyLabel } from '../../src/texts';
import { SubmitRow } from '../components/button';
import { CheckboxField, Fieldset, RadioGroup } from '../components/choices';
import { FieldError } from '../components/field-parts';
import { ErrorSummary, Notice, SelectField, TextField } from '../components/form';
import { LinkParagraph, Section } from '../components/page-parts';
import { DashboardLayout } from '../dashboard/dashboard-layout';

const t = nl.assisted;
const modeOptions = assistedModes.map((mode) => ({ value: mode, label: t.modes[mode] }));

type StaffUser = Pick<User, 'email' | 'role'>;

/** /dashboard/afname: the code the citizen reads out, or a link to start one for a case. */
export function AssistedStartPage(props: { user: StaffUser; values: Record<string, string>; errors: Record<string, string>; notice?: string }) {
  return (
    <DashboardLayout title={t.title} heading={t.title} user={props.user} current="afname" hasErrors={Object.keys(props.errors).length > 0}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <ErrorSummary errors={props.errors} targets={{ manier: 'manier-telefoon' }} />
      <Section id="met-code" title={t.byCode.title}>
        <p class="utrecht-paragraph">{t.byCode.intro}</p>
        <form method="post" action="/dashboard/afname" novalidate>
          <TextField name="code" label={t.byCode.codeLabel} hint={t.byCode.codeHint} value={props.values.code} error={props.errors.code} autocomplete="off" maxlength={20} />
          <RadioGroup name="manier" legend={t.modeLegend} options={modeOptions} layout="list" value={props.values.manier} error={props.errors.manier} />
          <SubmitRow label={t.byCode.submit} />
        </form>
      </Section>
      <Section id="voor-zaak" title={t.forCase.title}>
        <p class="utrecht-paragraph">{t.forCase.intro}</p>
        <LinkParagraph href="/dashboard/afname/zaak">{t.forCase.link}</LinkParagraph>
      </Section>
    </DashboardLayout>
  );
}

/** /dashboard/afname/zaak: the journey (chosen first, by GET), then its steps, what is known of the citizen, and the mode. */
export function AssistedCasePage(props: {
  user: StaffUser;
  journeys: { slug: string; name: string }[];
  choices?: CaseChoices;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { choices } = props;
  const checked = (slug: string, askedByDefault: boolean) => (Object.keys(props.values).length === 0 ? askedByDefault : props.values[`stap-${slug}`] !== undefined);
  return (
    <DashboardLayout title={t.forCase.pageTitle} heading={t.forCase.pageTitle} user={props.user} current="afname" hasErrors={Object.keys(props.errors).length > 0}>
      <p class="utrecht-paragraph">{t.intro}</p>
      <ErrorSummary errors={props.errors} targets={{ manier: 'manier-telefoon', stap: choices ? `stap-${choices.touchpoints[0]?.slug}` : 'reis' }} />
      <form method="get" action="/dashboard/afname/zaak">
        <SelectField
          name="reis"
          label={t.forCase.journeyLabel}
          value={choices?.journey.slug ?? ''}
          options={props.journeys.map((journey) => ({ value: journey.slug, label: journey.name }))}
          error={props.errors.reis}
        />
        <SubmitRow label={t.forCase.chooseJourney} variant="secondary" />
      </form>
      {choices ? (
        <form method="post" action={`/dashboard/afname/zaak?reis=${encodeURIComponent(choices.journey.slug)}`} novalidate>
          <Fieldset legend={t.forCase.stepsLegend} invalid={Boolean(props.errors.stap)} describedBy={props.errors.stap ? 'stap-fout' : undefined}>
            <FieldError id="stap-fout" message={props.errors.stap} />
            {choices.touchpoints.map((touchpoint) => (
              <CheckboxField name={`stap-${touchpoint.slug}`} label={touchpoint.name} value="ja" checked={checked(touchpoint.slug, touchpoint.askedByDefault)} />
            ))}
          </Fieldset>
          {choices.segments.size > 0 ? (
            <Fieldset legend={t.forCase.segmentLegend}>
              {[...choices.segments].map(([key, values]) => (
                <SelectField
                  name={`segment-${key}`}
                  label={segmentKeyLabel(key)}
                  value={props.values[`segment-${key}`] ?? ''}
                  placeholder={t.forCase.segmentUnknown}
                  options={values.map((value) => ({ value, label: value }))}
                  error={props.errors[`segment-${key}`]}
                />
              ))}
            </Fieldset>
          ) : null}
          <RadioGroup name="manier" legend={t.modeLegend} options={modeOptions} layout="list" value={props.values.manier} error={props.errors.manier} />
          <SubmitRow label={t.forCase.submit} />
        </form>
      ) : null}
    </DashboardLayout>
  );
}
