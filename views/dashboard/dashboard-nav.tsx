import type { Role } from '../../src/db/schema';
import { nl } from '../../src/texts';

const t = nl.noShowDashboard;

export type DashboardId = 'hartmonitor' | 'drijfveren' | 'no-shows' | 'klantreiskaart' | 'verbeteracties' | 'themas' | 'samenvatting' | 'terugbellen' | 'afname' | 'keten' | 'vergelijken';

/** The line under a dashboard's heading that leads to the other dashboard. */
export function DashboardNav({ current, role }: { current: DashboardId; role: Role }) {
  const all = [
    { id: 'hartmonitor', href: '/dashboard', label: t.heartMonitorLink },
    { id: 'drijfveren', href: '/dashboard/drijfveren', label: nl.drivers.navLink },
    { id: 'themas', href: '/dashboard/themas', label: nl.themes.navLink },
    { id: 'klantreiskaart', href: '/dashboard/klantreiskaart', label: nl.journeyMap.navLink },
    { id: 'verbeteracties', href: '/dashboard/verbeteracties', label: nl.actions.navLink },
    { id: 'keten', href: '/dashboard/keten', label: nl.chain.navLink },
    { id: 'vergelijken', href: '/dashboard/vergelijken', label: nl.chain.comparison.navLink },
    { id: 'no-shows', href: '/dashboard/no-shows', label: t.noShowsLink },
    { id: 'samenvatting', href: '/dashboard/samenvatting', label: nl.digest.page.navLink },
    { id: 'terugbellen', href: '/dashboard/terugbellen', label: nl.callbacksKcc.navLink },
    { id: 'afname', href: '/dashboard/afname', label: nl.assisted.navLink },
  ] as const;
  // Contact-centre staff see only the call-back requests and taking a survey; admins see the dashboards but not the requests' contact details.
  const links = all.filter((link) => (role === 'kcc' ? link.id === 'terugbellen' || link.id === 'afname' : role === 'admin' ? link.id !== 'terugbellen' : true));
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
