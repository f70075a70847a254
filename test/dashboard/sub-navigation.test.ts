/**
 * The dashboards' sub-navigation ("Hartmonitor · Drijfveren · …") sits in one place on every
 * dashboard page: right after the page's one h1. The pages come from the route table, so a new
 * dashboard page is checked without touching this test.
 */
import { describe, expect, it } from 'vitest';
import { routeTable } from '../../src/auth/access';
import { nl } from '../../src/texts';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext } from '../helpers/test-context';

const navLabel = nl.noShowDashboard.dashboardsLabel;

/** Every GET page under /dashboard without a parameter in its path; CSV and JSON downloads are not pages. */
const dashboardPages = routeTable
  .filter((rule) => rule.method === 'GET' && rule.path.startsWith('/dashboard') && !rule.path.includes(':') && !/\.(csv|json)$/.test(rule.path))
  .map((rule) => rule.path);

/** The start tags of the h1s and of the dashboards' navigation, in document order. */
function landmarks(html: string): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return [...main.matchAll(/<h1\b|<nav\b[^>]*aria-label="([^"]*)"/g)]
    .flatMap((match) => (match[0] === '<h1' ? ['h1'] : match[1] === navLabel ? ['dashboard-nav'] : []));
}

describe('dashboard sub-navigation', () => {
  it('covers the dashboard pages of the route table, verbeteracties included', () => {
    expect(dashboardPages).toEqual(expect.arrayContaining(['/dashboard', '/dashboard/verbeteracties', '/dashboard/verbeteracties/nieuw', '/dashboard/no-shows', '/dashboard/themas']));
  });

  it('comes right after the one h1 on every dashboard page', async () => {
    const ctx = createTestContext();
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, manager.email);
    const as = asStaff(ctx.app, cookie!);
    for (const path of dashboardPages) {
      const response = await as(path);
      expect(response.headers.get('Content-Type'), path).toMatch(/^text\/html/);
      expect(landmarks(await response.text()), path).toEqual(['h1', 'dashboard-nav']);
    }
  });

  it('recognises a page with the navigation above its heading', () => {
    const html = `<main><nav class="mh-dashboard-nav" aria-label="${navLabel}"></nav><h1 class="utrecht-heading-1">X</h1></main>`;
    expect(landmarks(html)).toEqual(['dashboard-nav', 'h1']);
  });
});
