import type { AvailableItem, DesignerItem, DesignerItems } from '../../src/journeys/journey-designer';
import { itemDesigner } from '../../src/texts';
import { ActionButton, Button, SubmitRow } from '../components/button';
import { RowSelect } from '../components/choices';
import { Notice, SelectField, TextAreaField, TextField } from '../components/form';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import type { Errors, Values } from './designer-fields';

const t = itemDesigner;

const levelOf = (item: DesignerItem) => (item.stepName === undefined ? t.wholeJourney : item.stepArchived ? t.atArchivedStep(item.stepName) : t.atStep(item.stepName));

/** The row heading of an item: its code above its question, its answers (and where it is asked) in small text under it. */
function ItemHeading(props: { code: string; question: string; details: string[] }) {
  return (
    <TableHeaderCell scope="row">
      <span class="mh-norm">
        <code>{props.code}</code>
      </span>
      {props.question}
      {props.details.map((detail) => (
        <span class="mh-norm">{detail}</span>
      ))}
    </TableHeaderCell>
  );
}

// Two columns (the item, its buttons) so the buttons stay in view on a phone without scrolling the table.
function AskedTable(props: { base: string; journeyName: string; items: DesignerItem[] }) {
  const c = t.columns;
  const last = props.items.length - 1;
  return (
    <DataTable caption={t.askedCaption(props.journeyName)} columns={[c.question, c.actions]}>
      {props.items.map((item, index) => {
        const action = `${props.base}/vragen/${item.id}`;
        const forItem = t.forItem(item.code, levelOf(item));
        return (
          <TableRow id={`vraag-${item.id}`} data-code={item.code}>
            <ItemHeading code={item.code} question={item.question} details={[`${c.scale}: ${t.scales[item.scale]}`, `${c.level}: ${levelOf(item)}`]} />
            <TableCell>
              <span class="mh-actions">
                {index > 0 ? <ActionButton action={`${action}/verplaatsen`} hidden={{ richting: 'omhoog' }} label={t.moveUp} hiddenText={forItem} formClass="mh-action-form" /> : null}
                {index < last ? <ActionButton action={`${action}/verplaatsen`} hidden={{ richting: 'omlaag' }} label={t.moveDown} hiddenText={forItem} formClass="mh-action-form" /> : null}
                <ActionButton action={`${action}/niet-meer-vragen`} label={t.remove} hiddenText={forItem} variant="subtle" formClass="mh-action-form" />
              </span>
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}

/** "Bij een stap vragen", folded: a select of the active steps and a button. */
function AtStep(props: { base: string; item: AvailableItem }) {
  const code = props.item.code;
  return (
    <details class="mh-more-actions">
      <summary>
        {t.atStepSummary}
        <span class="mh-visually-hidden">{t.addAtStepItem(code)}</span>
      </summary>
      <form method="post" action={`${props.base}/vragen`} class="mh-action-form">
        <input type="hidden" name="code" value={code} />
        <RowSelect id={`stap-${code}`} name="stap" label={`${t.stepLabel}${t.addAtStepItem(code)}`} value="" options={props.item.steps.map((step) => ({ value: String(step.id), label: step.name }))} />
        <Button variant="secondary">
          {t.addAtStep}
          <span class="mh-visually-hidden">{t.addAtStepItem(code)}</span>
        </Button>
      </form>
    </details>
  );
}

function AvailableTable(props: { base: string; items: AvailableItem[] }) {
  const c = t.availableColumns;
  return (
    <DataTable caption={t.availableCaption} columns={[c.question, c.actions]}>
      {props.items.map((item) => (
        <TableRow data-available={item.code}>
          <ItemHeading
            code={item.code}
            question={item.question}
            details={[`${c.scale}: ${t.scales[item.scale]}`, t.source(item.source), ...(item.askedAt.length > 0 ? [t.alsoAskedAt(item.askedAt)] : [])]}
          />
          <TableCell>
            <span class="mh-actions">
              {item.journeyLevel ? <ActionButton action={`${props.base}/vragen`} hidden={{ code: item.code }} label={t.add} hiddenText={t.addItem(item.code)} formClass="mh-action-form" /> : null}
              {item.steps.length > 0 ? <AtStep base={props.base} item={item} /> : null}
            </span>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The form for an own closed question (keuze or eens-1-5), with the reason open questions are not offered. */
function OwnItemForm(props: { base: string; values: Values; errors: Errors }) {
  const f = t.own;
  const { values, errors } = props;
  return (
    <form method="post" action={`${props.base}/eigen-vragen`} novalidate>
      <TextField name="ownCode" label={f.code} hint={f.codeHint} value={values.ownCode} error={errors.ownCode} maxlength={32} required />
      <SelectField
        name="ownScale"
        label={f.scale}
        value={values.ownScale}
        error={errors.ownScale}
        placeholder={f.scaleChoose}
        options={Object.entries(f.scaleOptions).map(([value, label]) => ({ value, label }))}
      />
      <TextField name="ownQuestionNl" label={f.questionNl} hint={f.questionNlHint} value={values.ownQuestionNl} error={errors.ownQuestionNl} maxlength={200} required />
      <TextField name="ownQuestionEn" label={f.questionEn} value={values.ownQuestionEn} error={errors.ownQuestionEn} maxlength={200} valueLang="en" />
      <TextAreaField name="ownOptionsNl" label={f.optionsNl} hint={f.optionsNlHint} value={values.ownOptionsNl} error={errors.ownOptionsNl} rows={4} />
      <TextAreaField name="ownOptionsEn" label={f.optionsEn} hint={f.optionsEnHint} value={values.ownOptionsEn} error={errors.ownOptionsEn} rows={4} />
      <SubmitRow label={f.submit} />
    </form>
  );
}

/** The journey's items on its designer page: the estimate, what it asks now, what it can add, and an own question. */
export function ItemSections(props: { base: string; journeyName: string; items: DesignerItems; ownValues: Values; ownErrors: Errors }) {
  const { asked, available, estimate } = props.items;
  return (
    <>
      <Section id="vragen" title={t.title}>
        <p class="utrecht-paragraph">{t.intro}</p>
        <div id="duur" data-seconds={estimate.seconds}>
          <p class="utrecht-paragraph">{t.duration.estimate(estimate.seconds, estimate.steps, estimate.items)}</p>
          {estimate.tooLong ? <Notice kind="warning">{t.duration.tooLong(estimate.max)}</Notice> : null}
        </div>
        {asked.length > 0 ? <AskedTable base={props.base} journeyName={props.journeyName} items={asked} /> : <p class="utrecht-paragraph">{t.askedNone}</p>}
        <p class="utrecht-paragraph">{t.removeKeepsAnswers}</p>
        <Section id="vragen-toevoegen" title={t.availableTitle} level={3}>
          <p class="utrecht-paragraph">{t.availableIntro}</p>
          {available.length > 0 ? <AvailableTable base={props.base} items={available} /> : <p class="utrecht-paragraph">{t.availableNone}</p>}
        </Section>
      </Section>
      <Section id="eigen-vraag" title={t.own.title}>
        <p class="utrecht-paragraph">{t.own.intro}</p>
        <p class="utrecht-paragraph">{t.own.noOpen}</p>
        <OwnItemForm base={props.base} values={props.ownValues} errors={props.ownErrors} />
      </Section>
    </>
  );
}
