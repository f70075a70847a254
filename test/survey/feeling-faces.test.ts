import { describe, expect, it } from 'vitest';
import { getSetting } from '../../src/settings';
import { nl } from '../../src/texts';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const faces = ['-2', '-1', '0', '1', '2'];

async function letterSurveyPath(ctx: TestContext): Promise<string> {
  const response = await ctx.postEvent(caseClosedEvent({ delivery: 'letter', citizen: { language: 'nl' } }));
  expect(response.status).toBe(202);
  const body = (await response.json()) as { survey: { url: string } };
  return new URL(body.survey.url).pathname;
}

async function emailSurveyPath(ctx: TestContext): Promise<string> {
  expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
  return surveyPathOf(ctx.db);
}

/** Each feeling option's label element as written, keyed by the option's value, for one step (a Map keeps the page's order). */
function feelingLabels(html: string, step: string): Map<string, string> {
  const pattern = new RegExp(`<label[^>]*for="feeling-${step}-([^"]+)"[^>]*>([\\s\\S]*?)</label>`, 'g');
  return new Map([...html.matchAll(pattern)].map(([, value, label]) => [value!, label!]));
}

/** The words a screen reader reads for a label: its text without the hidden parts. */
const spokenText = (label: string) => label.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '').trim();

describe('faces on the feeling scale', () => {
  it('shows a decorative face next to each of the five words in a letter invitation’s survey, words unchanged', async () => {
    const ctx = createTestContext();
    const html = await (await ctx.app.request(await letterSurveyPath(ctx))).text();
    const labels = feelingLabels(html, 'balie');
    expect([...labels.keys()]).toEqual([...faces, 'nvt']);
    const mouths = new Set<string>();
    for (const value of faces) {
      const svgs = labels.get(value)!.match(/<svg[^>]*>[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs, `face for ${value}`).toHaveLength(1);
      expect(svgs[0]).toMatch(/^<svg[^>]* aria-hidden="true"/);
      expect(svgs[0]).toMatch(/^<svg[^>]* focusable="false"/);
      // No inline style: the CSP allows styles from our own files only.
      expect(svgs[0]).not.toContain('style=');
      mouths.add(/class="mh-face__mouth" d="([^"]+)"/.exec(svgs[0]!)![1]!);
    }
    // The faces differ in shape, not only in colour: five different mouths.
    expect(mouths.size).toBe(5);
    expect(labels.get('nvt')).not.toContain('<svg');
    expect([...labels.values()].map(spokenText)).toEqual(nl.feelingOptions.map((option) => option.label));
    // Three steps, five faces each; the grade and effort scales get none.
    expect(html.match(/<svg/g)).toHaveLength(15);
  });

  it('shows no faces in an e-mail invitation’s survey until an admin turns them on', async () => {
    const ctx = createTestContext();
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const admin = await createStaff(ctx.db, ctx.clock, 'admin');
    const as = asStaff(ctx.app, (await login(ctx.app, admin.email)).cookie!);
    const path = await emailSurveyPath(ctx);

    const before = await (await ctx.app.request(path)).text();
    expect(before).not.toContain('<svg');
    expect([...feelingLabels(before, 'balie').values()].map(spokenText)).toEqual(nl.feelingOptions.map((option) => option.label));

    const settings = await (await as('/admin/settings')).text();
    expect(settings).toMatch(/id="surveyFacesForEmail" name="surveyFacesForEmail" value="on"(?! checked)/);
    const saved = await as('/admin/settings', { method: 'POST', body: new URLSearchParams({ surveyFacesForEmail: 'on', callbackRecoveryMail: 'on' }) });
    expect(saved.status).toBe(303);
    expect(getSetting(ctx.db, 'surveyFacesForEmail')).toBe(true);

    const after = await (await ctx.app.request(path)).text();
    const labels = feelingLabels(after, 'balie');
    for (const value of faces) expect(labels.get(value)).toMatch(/<svg[^>]* aria-hidden="true"/);
    expect([...labels.values()].map(spokenText)).toEqual(nl.feelingOptions.map((option) => option.label));
  });
});
