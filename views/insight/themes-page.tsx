import { filtersToSearch } from '../../src/heartmonitor/filters';
import type { Touchpoint, User } from '../../src/db/schema';
import type { ThemesPageData } from '../../src/insight/theme-page';
import type { CodeCount, Theme } from '../../src/insight/theme-queries';
import { formatNumber, formatPercent, nl } from '../../src/texts';
import { ButtonLink } from '../components/button';
import { Section } from '../components/page-parts';
import { DataTable, TableCell, TableHeaderCell, TableRow } from '../components/table';
import { DashboardLayout } from '../dashboard/dashboard-layout';
import { FiltersForm } from '../dashboard/dashboard-page';

const t = nl.themes;

/** The link to the comments at a step that mention a term or match a code, with the page's filters. */
export function commentsHref(data: { filters: Pick<ThemesPageData['filters'], 'query'> }, target: { step?: string; term?: string; code?: number; negative?: boolean }): string {
  const params = new URLSearchParams(filtersToSearch(data.filters.query));
  if (target.step) params.set('stap', target.step);
  if (target.term) params.set('term', target.term);
  if (target.code !== undefined) params.set('code', String(target.code));
  if (target.negative) params.set('toon', 'negatief');
  return `/dashboard/themas/opmerkingen?${params}`;
}

function ThemeTable({ data, step, themes }: { data: ThemesPageData; step: Touchpoint; themes: Theme[] }) {
  const c = t.columns;
  return (
    <DataTable
      caption={t.caption(step.name)}
      columns={[c.theme, { label: c.score, kind: 'numeric' }, { label: c.responses, kind: 'numeric' }, { label: c.share, kind: 'numeric' }, c.trend, c.quotes]}
    >
      {themes.map((theme) => (
        <TableRow data-term={theme.term}>
          <TableHeaderCell scope="row">
            <a class="utrecht-link" href={commentsHref(data, { step: step.slug, term: theme.term, negative: true })}>
              {theme.label}
              <span class="mh-visually-hidden">{` – ${t.openComments(theme.label)}`}</span>
            </a>
            <br />
            <a class="utrecht-link" href={`/dashboard/themas/codeboek?${new URLSearchParams({ naam: theme.label, woorden: theme.label, reis: data.filters.query.reis })}`}>
              {t.toCodebook}
              <span class="mh-visually-hidden">{`: ${theme.label}`}</span>
            </a>
          </TableHeaderCell>
          <TableCell kind="numeric" data-score={Math.round(theme.score * 100) / 100}>
            {formatNumber(theme.score, 1)}
          </TableCell>
          <TableCell kind="numeric" data-responses={theme.responses}>
            {formatNumber(theme.responses, 0)}
          </TableCell>
          <TableCell kind="numeric">{formatPercent(theme.share)}</TableCell>
          <TableCell data-trend={theme.trend}>
            {t.trend[theme.trend]}
            {theme.previousShare !== undefined && theme.trend !== 'unknown' ? ` ${t.previousShare(formatPercent(theme.previousShare))}` : ''}
          </TableCell>
          <TableCell>
            <ul class="mh-quotes">
              {theme.quotes.map((quote) => (
                <li>
                  <q>{quote}</q>
                </li>
              ))}
            </ul>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function CodeRows({ data, code, counts }: { data: ThemesPageData; code: ThemesPageData['codes'][number]['code']; counts: CodeCount[] }) {
  const steps = data.touchpoints.map((step) => ({ step, count: counts.find((count) => count.touchpointId === step.id) }));
  return (
    <>
      {steps.map(({ step, count }, index) => {
        const comments = count?.comments ?? 0;
        const shown = count?.reportable ?? false;
        return (
          <TableRow data-code={code.id} data-touchpoint={step.slug}>
            {index === 0 ? (
              <TableHeaderCell scope="row">
                <a class="utrecht-link" href={commentsHref(data, { code: code.id })}>
                  {code.name}
                  <span class="mh-visually-hidden">{` – ${t.codebook.showComments(code.name)}`}</span>
                </a>
              </TableHeaderCell>
            ) : (
              <TableCell>
                <span class="mh-visually-hidden">{code.name}</span>
              </TableCell>
            )}
            <TableCell>{step.name}</TableCell>
            <TableCell kind="numeric" data-comments={shown ? comments : ''}>
              {shown ? (
                <a class="utrecht-link" href={commentsHref(data, { code: code.id, step: step.slug })}>
                  {formatNumber(comments, 0)}
                </a>
              ) : (
                t.codebook.tooFew(data.minGroupSize)
              )}
            </TableCell>
            <TableCell kind="numeric">{shown && count ? formatPercent(comments / count.total) : ''}</TableCell>
            <TableCell>{shown && count ? t.trend[count.trend] : ''}</TableCell>
          </TableRow>
        );
      })}
    </>
  );
}

/** The themes of a journey per step, and the codebook's counts; the content sits in #themas. */
export function ThemesPage({ data, user }: { data: ThemesPageData; user: Pick<User, 'email' | 'role'> }) {
  const hasErrors = Object.keys(data.filters.errors).length > 0;
  const cb = t.codebook;
  return (
    <DashboardLayout title={t.title} heading={data.journey ? t.heading(data.journey.name) : t.title} user={user} current="themas" hasErrors={hasErrors}>
      <FiltersForm data={data} page="themas" />
      <div id="themas">
        <p class="utrecht-paragraph">{t.intro}</p>
        {data.journey ? null : <p class="utrecht-paragraph">{t.noJourney}</p>}
        {data.touchpoints.map((step, index) => {
          const themes = data.themes.get(step.id) ?? [];
          return (
            // Counted from 1 in the journey's order (positions start at 0).
            <Section id={`stap-${step.slug}`} title={t.stepHeading(index + 1, step.name)}>
              <div data-touchpoint={step.slug}>
                {themes.length ? <ThemeTable data={data} step={step} themes={themes} /> : <p class="utrecht-paragraph">{t.noThemes(data.minGroupSize)}</p>}
              </div>
            </Section>
          );
        })}
        {data.journey ? (
          <Section id="codeboek" title={cb.countsHeading}>
            {data.codes.length ? (
              <DataTable
                caption={cb.countsCaption(data.journey.name)}
                columns={[cb.columns.code, cb.columns.step, { label: cb.columns.comments, kind: 'numeric' }, { label: cb.columns.share, kind: 'numeric' }, cb.columns.trend]}
              >
                {data.codes.map(({ code, counts }) => (
                  <CodeRows data={data} code={code} counts={counts} />
                ))}
              </DataTable>
            ) : (
              <p class="utrecht-paragraph">{cb.empty}</p>
            )}
            <p class="utrecht-paragraph">
              <ButtonLink href="/dashboard/themas/codeboek" variant="secondary">
                {cb.navLink}
              </ButtonLink>
            </p>
          </Section>
        ) : null}
        <p class="utrecht-paragraph">{t.method}</p>
      </div>
    </DashboardLayout>
  );
}
