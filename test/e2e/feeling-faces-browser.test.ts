/**
 * The feeling scale with faces (a letter invitation's survey) in Chromium at phone width: WCAG
 * 2.1 A/AA with axe, no CSP complaint about the inline SVG, no sideways scrolling, and each
 * option still one row with its face, its words and a 44px tap target.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations } from '../helpers/watched-page';
import { caseClosedEvent } from '../helpers/test-context';

const e2e = useBrowserAndServer();

describe('faces on the feeling scale', () => {
  it('fit a 390px phone, one row per option, without sideways scrolling or axe violations', async () => {
    const response = await e2e.server.postEvent(caseClosedEvent({ delivery: 'letter', citizen: { language: 'nl' } }));
    expect(response.status).toBe(202);
    const { survey } = (await response.json()) as { survey: { url: string } };
    const watched = await e2e.newWatchedPage();
    const { page } = watched;
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await page.goto(`${e2e.server.url}${new URL(survey.url).pathname}`))?.status()).toBe(200);

    const layout = await page.evaluate(() => {
      const options = [...document.querySelectorAll('fieldset:has(input[name^="feeling-"]) [data-hook="option"]')];
      const faced = options.filter((option) => option.querySelector('svg'));
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        faced: faced.length,
        faceSizes: faced.map((option) => Math.round(option.querySelector('svg')!.getBoundingClientRect().width)),
        // Face, words and radio on one line: the face's middle lies within the words' line box.
        offLine: faced.filter((option) => {
          const face = option.querySelector('svg')!.getBoundingClientRect();
          const radio = option.querySelector('input')!.getBoundingClientRect();
          const middle = face.top + face.height / 2;
          return middle < radio.top || middle > radio.bottom || face.left < radio.right;
        }).length,
        smallest: Math.min(...options.map((option) => option.getBoundingClientRect().height)),
      };
    });
    expect(layout.clientWidth).toBe(390);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.faced).toBe(15);
    expect(new Set(layout.faceSizes)).toEqual(new Set([32]));
    expect(layout.offLine).toBe(0);
    expect(layout.smallest).toBeGreaterThanOrEqual(44);
    await expectNoAxeViolations(page, 'survey with faces at 390px');
    expectNoCspViolations(watched, 'survey with faces');
    await page.screenshot({ path: '/tmp/feeling-faces-390.png', fullPage: true });
  });
});
