/**
 * "Waar nu eerst" in a real browser on a generated history: at 1280×900 the first knelpunt —
 * where, whether it is getting better, what citizens say — is on the first screen; every item
 * leads into the journey's detail; axe (WCAG 2.1 A/AA) passes; and without JavaScript the same
 * server-rendered overview is there and its links work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'manager' });

beforeAll(async () => {
  const report = e2e.server.generateHistory({ days: 60, responses: 900, seed: 7 });
  expect(report.responses).toBeGreaterThan(500);
}, 120_000);

describe('the overview in the browser', () => {
  it('shows the first knelpunt with its trend and a quote on the first screen, links into the detail, passes axe', { timeout: 60_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${e2e.server.url}/dashboard`);
    const section = page.locator('section#waar-nu-eerst');
    await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(nl.overview.title);
    const first = section.locator('li[data-hook="knelpunt"]').first();
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(900);
    const words = (await first.textContent())!;
    expect(words).toMatch(/vergeleken met de vorige periode (beter|slechter|gelijk gebleven|geen vergelijking) \(/);
    expect(await first.locator('blockquote').count()).toBe(1);
    await expectNoAxeViolations(page, 'overview');

    const slug = await first.getAttribute('data-touchpoint');
    const journey = await first.getAttribute('data-journey');
    expect(await navigating(page, () => first.getByRole('link').first().click())).toBe(200);
    const url = new URL(page.url());
    expect(url.searchParams.get('reis')).toBe(journey);
    expect(url.hash).toBe('#dips-titel');
    expect(await page.locator('section#waar-nu-eerst').count()).toBe(0);
    expect(await page.locator(`li.mh-dip[data-touchpoint="${slug}"]`).count()).toBe(1);
    expectNoCspViolations(watched, 'overview');
  });

  it('works without JavaScript', { timeout: 60_000 }, async () => {
    const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    e2e.contexts.push(context);
    const page = await context.newPage();
    await e2e.signIn(page);
    expect(await page.locator('section#waar-nu-eerst li[data-hook="knelpunt"]').count()).toBeGreaterThan(0);
    expect(await navigating(page, () => page.locator('section#waar-nu-eerst li[data-hook="knelpunt"] a').first().click())).toBe(200);
    expect(new URL(page.url()).searchParams.get('reis')).toBeTruthy();
  });
});
