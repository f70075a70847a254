import type { Child } from 'hono/jsx';
import type { User } from '../../src/db/schema';
import { Layout } from '../layout';
import { DashboardNav, type DashboardId } from './dashboard-nav';

/**
 * The wide staff page every dashboard shares: "Fout: " in the title while a filter is wrong, the
 * heading (when given) and the line of links to the other dashboards.
 */
export function DashboardLayout(props: {
  title: string;
  /** The h1 above the dashboard links; pages that write their own heading leave it out. */
  heading?: string;
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
      staff={{ email: props.user.email, role: props.user.role, current: props.current === 'no-shows' ? '/dashboard/no-shows' : '/dashboard' }}
      scripts={props.scripts}
      stylesheets={props.stylesheets}
      wide
    >
      {props.heading === undefined ? null : <h1 class="utrecht-heading-1">{props.heading}</h1>}
      <DashboardNav current={props.current} />
      {props.children}
    </Layout>
  );
}

/** The scripts of the dashboards that draw charts and swap their panels with htmx. */
export const chartScripts = ['/assets/htmx.js', '/assets/chart.js', '/assets/dashboard.js'];
