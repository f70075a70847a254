import { channels, journeyTypes } from '../../src/db/schema';
import { itemDesigner, nl } from '../../src/texts';
import { languageField, languageQuestionField, languageRows } from '../../src/journeys/language-fields';
import { Button } from '../components/button';
import { CheckboxField, Fieldset } from '../components/choices';
import { FieldHint } from '../components/field-parts';
import { SelectField, TextAreaField, TextField } from '../components/form';

const t = nl.journeyDesigner;

export type Values = Record<string, string>;
export type Errors = Record<string, string | undefined>;

export const typeOptions = journeyTypes.map((type) => ({ value: type, label: t.types[type] ?? type }));
export const channelOptions = channels.map((channel) => ({ value: channel, label: t.channels[channel] ?? channel }));

/** The journey's own fields; on an existing journey the slug is shown, not editable. */
export function JourneyFields(props: { values: Values; errors: Errors; fixedSlug?: string }) {
  const f = t.fields;
  const { values, errors } = props;
  return (
    <>
      <TextField name="name" label={f.name} hint={f.nameHint} value={values.name} error={errors.name} maxlength={120} required />
      {props.fixedSlug ? (
        <p class="utrecht-paragraph">
          <strong>{f.slugFixed}:</strong> <code>{props.fixedSlug}</code>. {f.slugFixedHint}
        </p>
      ) : (
        <TextField name="slug" label={f.slug} hint={f.slugHint} value={values.slug} error={errors.slug} maxlength={80} />
      )}
      <SelectField name="type" label={f.type} value={values.type} error={errors.type} placeholder={t.chooseType} options={typeOptions} />
      <TextField name="lifeEvent" label={f.lifeEvent} hint={f.lifeEventHint} value={values.lifeEvent} error={errors.lifeEvent} maxlength={120} />
      <TextAreaField name="description" label={f.description} value={values.description} error={errors.description} rows={3} maxlength={2000} />
      <TextAreaField name="caseTypes" label={f.caseTypes} hint={f.caseTypesHint} value={values.caseTypes} error={errors.caseTypes} rows={3} />
      <CheckboxField name="publicResults" label={itemDesigner.publicResults} hint={itemDesigner.publicResultsHint} checked={values.publicResults === 'on'} />
    </>
  );
}

/**
 * A touchpoint's fields: name, channel, norm, flags and its question texts: the Dutch one, one per
 * other language it has (each with a remove button when `removeAction` is given), and a row to add
 * a language.
 */
export function TouchpointFields(props: { values: Values; errors: Errors; removeAction?: string }) {
  const f = t.touchpointFields;
  const { values, errors } = props;
  const example = nl.survey.feelingQuestion(values.touchpointName || f.name);
  const rows = languageRows(values);
  const stored = rows.slice(0, -1);
  const added = rows.at(-1);
  return (
    <>
      <TextField name="touchpointName" label={f.name} hint={f.nameHint} value={values.touchpointName} error={errors.touchpointName} maxlength={120} required />
      <SelectField name="channel" label={f.channel} value={values.channel} error={errors.channel} placeholder={t.chooseChannel} options={channelOptions} />
      <TextField name="serviceNorm" label={f.serviceNorm} hint={f.serviceNormHint} value={values.serviceNorm} error={errors.serviceNorm} maxlength={200} />
      <CheckboxField name="momentOfTruth" label={f.momentOfTruth} hint={f.momentOfTruthHint} checked={values.momentOfTruth === 'on'} />
      <CheckboxField name="askedByDefault" label={f.askedByDefault} hint={f.askedByDefaultHint} checked={values.askedByDefault === 'on'} />
      <TextField name="question" label={f.question} hint={f.questionHint(example)} value={values.question} error={errors.question} maxlength={200} />
      <Fieldset legend={f.otherLanguages} describedBy="otherLanguages-uitleg">
        <FieldHint name="otherLanguages" hint={f.otherLanguagesHint} />
        {stored.map((row) => {
          const code = values[languageField(row)] ?? '';
          const name = t.languageName(code);
          return (
            <div>
              <input type="hidden" name={languageField(row)} value={code} />
              <TextField
                name={languageQuestionField(row)}
                label={`${f.languageQuestion(name)} (${code})`}
                hint={f.languageQuestionHint}
                value={values[languageQuestionField(row)]}
                error={errors[languageQuestionField(row)] ?? errors[languageField(row)]}
                maxlength={200}
                valueLang={code}
              />
              {props.removeAction ? (
                <Button variant="subtle" name="language" value={code} formaction={props.removeAction}>
                  {f.removeLanguage}
                  <span class="mh-visually-hidden">{f.removeLanguageOf(name)}</span>
                </Button>
              ) : null}
            </div>
          );
        })}
        {added === undefined ? null : (
          <Fieldset legend={f.newLanguage}>
            <TextField name={languageField(added)} label={f.languageCode} hint={f.languageCodeHint} value={values[languageField(added)]} error={errors[languageField(added)]} maxlength={20} />
            <TextField
              name={languageQuestionField(added)}
              label={f.newLanguageQuestion}
              value={values[languageQuestionField(added)]}
              error={errors[languageQuestionField(added)]}
              maxlength={200}
            />
          </Fieldset>
        )}
      </Fieldset>
    </>
  );
}
