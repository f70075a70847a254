/**
 * No page scrolls sideways: every staff page (as admin, manager and researcher: the pages of
 * the route table their role may open) and the citizen pages, in Chromium at a phone's 390 px
 * and a laptop's 1280 px, on 45 days of generated history. Wide tables scroll in their own
 * container; the document itself is never wider than the viewport. Also the survey's controls
 * on a phone: the consent checkbox is the full-size one and each answer scale fits one line.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { homeFor, routeTable } from '../../src/auth/access';
import { generateDemoAppointments } from '../../src/demo/demo-appointments';
import type { Role } from '../../src/db/schema';
import { useBrowserAndServer } from '../helpers/browser';
import { createStaff } from '../helpers/staff';
import { caseClosedEvent } from '../helpers/test-context';
import { signInThroughForm } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'admin' });
const WIDTHS = [390, 1280];
const ROLES: Role[] = ['admin', 'manager', 'researcher'];

/**
 * The GET pages a role may open that need no id (pages with an id, such as the consent proof
 * /panel/leden/:id/toestemming, are not visited yet: this history has no panel members): every route of its audience but downloads and the sign-in steps. */
function staffPages(role: Role): string[] {
  return routeTable
    .filter((rule) => rule.method === 'GET' && !rule.path.includes(':') && !/\.(csv|json)$/.test(rule.path))
    .filter((rule) => rule.audience === 'staff' || (Array.isArray(rule.audience) && rule.audience.includes(role)))
    .map((rule) => rule.path);
}

const CITIZEN_PAGES = ['/', '/login', '/privacy', '/toegankelijkheid', '/verbeteringen'];

/** The document's width, and when it is wider than the viewport the widest elements that stick out. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Elements that stick out and are not inside a scroll container: those widen the page.
    const clipped = (el: Element) => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right + window.scrollX > width + 1 && !clipped(el);
    const culprits = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((el) => sticksOut(el) && !Array.from(el.children).some(sticksOut))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right + window.scrollX)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}

async function expectNoSidewaysScroll(page: Page, path: string, failures: string[]) {
  await page.goto(`${e2e.server.url}${path}`);
  const { scrollWidth, width, culprits } = await overflow(page);
  if (scrollWidth > width) failures.push(`${path} at ${width} px is ${scrollWidth} px wide: ${culprits.join(', ')}`);
}

async function pageAt(width: number): Promise<Page> {
  return e2e.newPage({ viewport: { width, height: 900 } });
}

/** Sends a case.closed event through the API and reads the survey link from the queued mail. */
async function surveyPath(): Promise<string> {
  const event = caseClosedEvent();
  const response = await e2e.server.postEvent(event);
  expect(response.status, await response.clone().text()).toBe(202);
  const row = e2e.server.db.$client
    .prepare("select o.text_body as body from outbox o join events e on e.invitation_id = o.invitation_id where o.kind = 'invitation' and e.event_id = ?")
    .get(event.id) as { body: string } | undefined;
  const path = /\/s\/[A-Za-z0-9_-]+/.exec(row?.body ?? '')?.[0];
  expect(path, 'survey link in the invitation mail').toBeDefined();
  return path!;
}

let survey = '';

beforeAll(async () => {
  e2e.server.generateHistory({ days: 45, responses: 600, seed: 7 });
  generateDemoAppointments(e2e.server.db, { count: 4_000, days: 60, seed: 7 }, e2e.server.clock.now());
  await createStaff(e2e.server.db, e2e.server.clock, 'manager');
  await createStaff(e2e.server.db, e2e.server.clock, 'researcher');
  survey = await surveyPath();
}, 120_000);

describe('no sideways scrolling in Chromium', () => {
  for (const role of ROLES) {
    it(`every ${role} page at ${WIDTHS.join(' and ')} px`, async () => {
      const pages = staffPages(role);
      expect(pages).toContain(homeFor(role));
      const failures: string[] = [];
      for (const width of WIDTHS) {
        const page = await pageAt(width);
        await signInThroughForm(page, e2e.server.url, `${role}@gemeente.test`, homeFor(role));
        for (const path of pages) await expectNoSidewaysScroll(page, path, failures);
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }

  it(`the citizen pages and the survey at ${WIDTHS.join(' and ')} px`, async () => {
    const failures: string[] = [];
    for (const width of WIDTHS) {
      const page = await pageAt(width);
      for (const path of [...CITIZEN_PAGES, survey]) await expectNoSidewaysScroll(page, path, failures);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('the survey on a phone', () => {
  it('each answer scale is one line, or rows of five; the consent checkbox is the full-size control', async () => {
    const page = await pageAt(390);
    await page.goto(`${e2e.server.url}${survey}`);
    const scales = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.mh-scale'), (scale) => {
        const tops = Array.from(scale.children, (option) => Math.round(option.getBoundingClientRect().top));
        const rows = [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
        return { options: tops.length, rows, right: Math.max(...Array.from(scale.children, (option) => option.getBoundingClientRect().right)) };
      }),
    );
    expect(scales.map(({ options }) => options)).toEqual(expect.arrayContaining([7, 10]));
    for (const scale of scales) {
      expect(scale.rows.length === 1 || scale.rows.every((n) => n === 5), `a scale of ${scale.options} laid out as ${scale.rows.join('+')}`).toBe(true);
      expect(scale.right).toBeLessThanOrEqual(390);
    }
    const consent = await page.locator('#panel-consent').boundingBox();
    expect(consent!.width, 'the 13 px native box is too small for the consent step itself').toBeGreaterThanOrEqual(24);
  });
});
