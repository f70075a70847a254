import type { Touchpoint, User } from '../../src/db/schema';
import type { CommentListItem } from '../../src/insight/theme-queries';
import { formatDate, formatNumber, nl } from '../../src/texts';
import { LinkParagraph } from '../components/page-parts';
import { DataTable, TableCell, TableRow } from '../components/table';
import { DashboardLayout } from '../dashboard/dashboard-layout';

const t = nl.themes.comments;

export interface ThemeCommentsView {
  heading: string;
  scope: string;
  touchpoints: Touchpoint[];
  items: CommentListItem[];
  total: number;
  page: number;
  pages: number;
  /** The list's address without its page number. */
  href: string;
  backHref: string;
}

const feelingLabel = (feeling: number | null) => nl.feelingOptions.find((option) => option.value === (feeling === null ? 'nvt' : String(feeling)))?.label ?? '';

/** The masked comments that mention a theme or match a code, newest first, a page at a time. */
export function ThemeCommentsPage({ view, user }: { view: ThemeCommentsView; user: Pick<User, 'email' | 'role'> }) {
  const stepName = (id: number) => view.touchpoints.find((step) => step.id === id)?.name ?? '';
  return (
    <DashboardLayout title={view.heading} heading={view.heading} user={user} current="themas">
      <div id="themas">
        <p class="utrecht-paragraph">{view.scope}</p>
        {view.total === 0 ? (
          <p class="utrecht-paragraph">{t.none}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">{t.count(formatNumber(view.total, 0))}</p>
            <DataTable caption={t.caption} columns={[t.columns.date, t.columns.step, t.columns.feeling, t.columns.comment]}>
              {view.items.map((item) => (
                <TableRow>
                  <TableCell>{formatDate(item.answeredAt)}</TableCell>
                  <TableCell>{stepName(item.touchpointId)}</TableCell>
                  <TableCell>{feelingLabel(item.feeling)}</TableCell>
                  <TableCell data-hook="comment">{item.comment}</TableCell>
                </TableRow>
              ))}
            </DataTable>
            <nav class="mh-pagination" aria-label={t.page(view.page, view.pages)}>
              <p class="utrecht-paragraph">{t.page(view.page, view.pages)}</p>
              {view.page > 1 ? <LinkParagraph href={`${view.href}&pagina=${view.page - 1}`}>{t.previous}</LinkParagraph> : null}
              {view.page < view.pages ? <LinkParagraph href={`${view.href}&pagina=${view.page + 1}`}>{t.next}</LinkParagraph> : null}
            </nav>
          </>
        )}
        <LinkParagraph href={view.backHref}>{t.back}</LinkParagraph>
      </div>
    </DashboardLayout>
  );
}
