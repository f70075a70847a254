import type { User } from '../../src/db/schema';
import type { JourneySummary } from '../../src/journeys/journey-designer';
import { nl } from '../../src/texts';
import { Alert, FileField, Notice, TextAreaField } from '../components/form';
import { AdminLayout } from '../admin/admin-layout';
import { LinkParagraph, Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { SubmitRow } from '../components/button';

const t = nl.journeyDesigner;

export interface JourneysPageProps {
  user: User;
  journeys: JourneySummary[];
  notice?: string;
  /** An import that was refused: each problem, and the pasted text to correct. */
  importProblems?: string[];
  importText?: string;
}

export const journeyHref = (id: number) => `/admin/reizen/${id}`;

function ImportForm(props: { problems?: string[]; text?: string }) {
  const invalid = Boolean(props.problems?.length);
  return (
    <form method="post" action="/admin/reizen/import" enctype="multipart/form-data" novalidate>
      {invalid ? (
        <Alert kind="error" role="group" labelledBy="import-fouten-titel" id="import-fouten" tabindex={-1}>
            <h3 class="utrecht-heading-3" id="import-fouten-titel">
              {t.importProblemsTitle}
            </h3>
            <p class="utrecht-paragraph">{t.importProblemsIntro}</p>
            <ul class="utrecht-unordered-list">
              {props.problems!.map((problem) => (
                <li class="utrecht-unordered-list__item">{problem}</li>
              ))}
            </ul>
        </Alert>
      ) : null}
      <FileField name="bestand" label={t.importFile} hint={t.importFileHint} accept=".json,application/json" />
      <TextAreaField name="json" label={t.importText} value={props.text} rows={8} />
      <SubmitRow label={t.importButton} />
    </form>
  );
}

/** GET /admin/reizen: every journey with its case types and touchpoints, a new one, and import. */
export function JourneysPage(props: JourneysPageProps) {
  const columns = t.columns;
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/reizen" hasErrors={Boolean(props.importProblems?.length)}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <LinkParagraph href="/admin/reizen/nieuw">{t.newJourney}</LinkParagraph>

      <Section id="klantreizen" title={t.listTitle}>
        {props.journeys.length === 0 ? (
          <p class="utrecht-paragraph">{t.noJourneys}</p>
        ) : (
          <DataTable
            caption={t.listCaption(props.journeys.length)}
            columns={[columns.name, columns.type, columns.lifeEvent, columns.caseTypes, columns.touchpoints, columns.actions]}
          >
            {props.journeys.map(({ journey, caseTypes, active, archived }) => (
              <TableRow data-journey={journey.slug}>
                <TableHeaderCell scope="row">
                  <a class="utrecht-link" href={journeyHref(journey.id)}>
                    {journey.name}
                  </a>
                </TableHeaderCell>
                <TableCell>{t.types[journey.type] ?? journey.type}</TableCell>
                <TableCell>{journey.lifeEvent ?? ''}</TableCell>
                <TableCell>{caseTypes.length ? caseTypes.join(', ') : t.none}</TableCell>
                <TableCell>{t.touchpointCount(active, archived)}</TableCell>
                <TableCell>
                  <span class="mh-actions">
                    <a class="utrecht-link" href={`${journeyHref(journey.id)}/voorbeeld`}>
                      {t.preview}
                      <span class="mh-visually-hidden">{t.exportOf(journey.name)}</span>
                    </a>
                    {active > 0 ? (
                      <a class="utrecht-link" href={`${journeyHref(journey.id)}/export.json`} download={`klantreis-${journey.slug}.json`}>
                        {t.export}
                        <span class="mh-visually-hidden">{t.exportOf(journey.name)}</span>
                      </a>
                    ) : null}
                  </span>
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </Section>

      <Section id="importeren" title={t.importTitle}>
        <p class="utrecht-paragraph">{t.importIntro}</p>
        <ImportForm problems={props.importProblems} text={props.importText} />
      </Section>
    </AdminLayout>
  );
}
