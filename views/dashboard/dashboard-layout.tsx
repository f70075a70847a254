import type { Child } from 'hono/jsx';
import type { User } from '../../src/db/schema';
import { Layout } from '../layout';
import { DashboardNav, type DashboardId } from './dashboard-nav';

/** The dashboards with an item of their own in the staff menu; the others fall under "Dashboard". */
const ownMenuItem: Partial<Record<DashboardId, string>> = { 'no-shows': '/dashboard/no-shows', terugbellen: '/dashboard/terugbellen', afname: '/dashboard/afname' };

/**
 * The wide staff page every dashboard shares: "Fout: " in the title while a filter is wrong, the
 * heading and, right below it, the line of links to the other dashboards. Pages give the heading
 * and never write an h1 or the links themselves, so the links sit in the same place everywhere.
 */
export function DashboardLayout(props: {
  title: string;
  /** The page's h1, placed above the dashboard links. */
  heading: string;
  user: Pick<User, 'email' | 'role'>;
  current: DashboardId;
  hasErrors?: boolean;
  scripts?: string[];
  stylesheets?: string[];
  children?: Child;
}) {
  return (
    <Layout
      title={props.hasErrors ? `Fout: ${props.title}` : props.title}
      staff={{ email: props.user.email, role: props.user.role, current: ownMenuItem[props.current] ?? '/dashboard' }}
      scripts={props.scripts}
      stylesheets={props.stylesheets}
      wide
    >
      <h1 class="utrecht-heading-1">{props.heading}</h1>
      <DashboardNav current={props.current} role={props.user.role} />
      {props.children}
    </Layout>
  );
}

/** The scripts of the dashboards that draw charts and swap their panels with htmx. */
export const chartScripts = ['/assets/htmx.js', '/assets/chart.js', '/assets/dashboard.js'];
