import { nl } from '../../src/texts';

const t = nl.noShowDashboard;

/** The line under a dashboard's heading that leads to the other dashboard. */
export function DashboardNav({ current }: { current: 'hartmonitor' | 'no-shows' }) {
  const links = [
    { id: 'hartmonitor', href: '/dashboard', label: t.heartMonitorLink },
    { id: 'no-shows', href: '/dashboard/no-shows', label: t.noShowsLink },
  ] as const;
  return (
    <nav class="mh-dashboard-nav" aria-label={t.dashboardsLabel}>
      <ul>
        {links.map((link) => (
          <li>
            <a class="utrecht-link" href={link.href} aria-current={link.id === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
