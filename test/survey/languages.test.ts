import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/zgw/resources';
import { unescapeHtml } from '../helpers/html-text';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { invitationMailAsSent, surveyPathOf } from '../helpers/survey-link';

const fixtures = join(import.meta.dirname, '../fixtures/languages');

async function invite(ctx: TestContext, language: string) {
  const response = await ctx.postEvent(caseClosedEvent({ citizen: { email: 'resident@example.nl', language } }));
  expect(response.status).toBe(202);
  const { invitationId } = (await response.json()) as { invitationId: number };
  return invitationMailAsSent(ctx, invitationId);
}
const surveyPath = (text: string) => new URL(/https?:\/\/\S+\/s\/\S+/.exec(text)![0]).pathname;
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)![0];
const complete = { 'feeling-afspraak-maken': '1', 'feeling-balie': '2', 'feeling-ophalen': 'nvt', grade: '8', effort: '6' };

describe('a survey in the invitation’s language', () => {
  it('mails, asks, corrects and thanks an English-speaking citizen in English, with ?taal=nl switching to Dutch', async () => {
    const ctx = createTestContext();
    const mail = await invite(ctx, 'EN');
    expect(mail.subject).toBe('How was your experience? Paspoort of ID-kaart aanvragen – Gemeente Voorbeeld');
    expect(mail.text).toContain('Dear resident,');
    expect(mail.text).toContain('Fill in the survey:');
    expect(mail.text).toContain('Do you no longer want to receive surveys from us? Unsubscribe:');
    expect(mail.text).toMatch(/The link works until and including [A-Z][a-z]+ \d{1,2}, \d{4}\./);
    expect(mail.text).not.toContain('Beste inwoner');
    expect(htmlTag(mail.html)).toBe('<html lang="en" dir="ltr">');
    expect(mail.html).toContain('Privacy statement');
    expect(mail.headers['List-Unsubscribe']).toMatch(/\/afmelden\//);

    const path = surveyPath(mail.text);
    const page = await ctx.app.request(path);
    const html = unescapeHtml(await page.text());
    expect(htmlTag(html)).toContain('lang="en"');
    expect(htmlTag(html)).toContain('dir="ltr"');
    expect(html).toContain('<h1 class="utrecht-heading-1">Your experience with: Paspoort of ID-kaart aanvragen</h1>');
    expect(html).toContain('Step 1 of 3');
    // The demo journeys come with their questions in English.
    expect(html).toContain('How did you feel about making the appointment?</legend>');
    expect(html).not.toContain('Hoe voelde u zich');
    expect(html).toContain('Very negative');
    expect(html).toContain('Skip to main content');
    expect(html).not.toContain('Zeer negatief');
    // The switch: each language named in its own words, in its own language.
    expect(html).toMatch(new RegExp(`<a class="utrecht-link" href="${path}\\?taal=nl" lang="nl" hreflang="nl">Nederlands</a>`));
    expect(html).toMatch(/href="[^"]+\?taal=en" lang="en" hreflang="en" aria-current="page">English</);

    const dutch = unescapeHtml(await (await ctx.app.request(`${path}?taal=nl`)).text());
    expect(htmlTag(dutch)).toContain('lang="nl"');
    expect(dutch).toContain('Uw ervaring met: Paspoort of ID-kaart aanvragen');
    expect(dutch).toContain(`action="${path}?taal=nl"`);

    const invalid = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...complete, grade: '11' }) });
    expect(invalid.status).toBe(422);
    const errors = unescapeHtml(await invalid.text());
    expect(htmlTag(errors)).toContain('lang="en"');
    expect(errors).toContain('<title>Error: Your experience with: Paspoort of ID-kaart aanvragen');
    expect(errors).toContain('Something is still missing');
    expect(errors).toContain('Choose a mark from 1 to 10.');

    const sent = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) });
    expect(sent.status).toBe(200);
    const thanks = unescapeHtml(await sent.text());
    expect(htmlTag(thanks)).toContain('lang="en"');
    expect(thanks).toContain('Thank you!');
    expect(thanks).toContain('We have received your answers.');

    const again = unescapeHtml(await (await ctx.app.request(path)).text());
    expect(again).toContain('You have already filled in this survey');
  });

  it('thanks each citizen in their own language, the same page every time (it is rendered once per language)', async () => {
    const ctx = createTestContext();
    let citizens = 0;
    const thanks = async (language: string) => {
      // Each a citizen of their own: the same address would not be asked again so soon.
      const posted = await ctx.postEvent(caseClosedEvent({ citizen: { email: `inwoner-${++citizens}@example.nl`, language } }));
      const { invitationId } = (await posted.json()) as { invitationId: number };
      const path = surveyPathOf(ctx.db, invitationId);
      const sent = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) });
      expect(sent.status).toBe(200);
      expect(sent.headers.get('Cache-Control')).toBe('no-store');
      return sent.text();
    };
    const dutch = await thanks('nl');
    const english = await thanks('en');
    expect(htmlTag(dutch)).toContain('lang="nl"');
    expect(unescapeHtml(dutch)).toContain('Dank u wel!');
    expect(htmlTag(english)).toContain('lang="en"');
    expect(unescapeHtml(english)).toContain('Thank you!');
    expect(await thanks('nl')).toBe(dutch);
    expect(await thanks('en')).toBe(english);
    expect(dutch.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('keeps a language chosen with ?taal= when the form is sent, errors included', async () => {
    const ctx = createTestContext();
    const path = surveyPath((await invite(ctx, 'nl')).text);
    const english = unescapeHtml(await (await ctx.app.request(`${path}?taal=en`)).text());
    expect(english).toContain(`action="${path}?taal=en"`);
    const invalid = await ctx.app.request(`${path}?taal=en`, { method: 'POST', body: new URLSearchParams({ ...complete, effort: '9' }) });
    expect(invalid.status).toBe(422);
    const errors = unescapeHtml(await invalid.text());
    expect(errors).toContain('Choose a number from 1 to 7.');
    expect(errors).toContain(`action="${path}?taal=en"`);
  });

  it('renders a language without a file in Dutch, and an unknown ?taal= is ignored', async () => {
    const ctx = createTestContext();
    const mail = await invite(ctx, 'pt-BR');
    expect(ctx.db.$client.prepare('SELECT language FROM invitations ORDER BY id DESC').get()).toEqual({ language: 'pt-br' });
    expect(mail.subject).toMatch(/^Hoe was uw ervaring\?/);
    const path = surveyPath(mail.text);
    const html = await (await ctx.app.request(`${path}?taal=xx`)).text();
    expect(htmlTag(html)).toContain('lang="nl"');
    expect(html).not.toContain('taal=xx');
  });

  it('refuses a malformed language code in an event, naming the field', async () => {
    const ctx = createTestContext();
    const response = await ctx.postEvent(caseClosedEvent({ citizen: { email: 'resident@example.nl', language: 'english please' } }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('citizen.language');
  });

  it('shows a right-to-left language from LANGUAGES_DIR with dir="rtl", its gaps in Dutch', async () => {
    const ctx = createTestContext({ LANGUAGES_DIR: fixtures });
    const mail = await invite(ctx, 'ar');
    expect(mail.subject).toMatch(/^اختبار /);
    expect(htmlTag(mail.html)).toBe('<html lang="ar" dir="rtl">');
    const path = surveyPath(mail.text);
    const html = unescapeHtml(await (await ctx.app.request(path)).text());
    expect(htmlTag(html)).toContain('lang="ar"');
    expect(htmlTag(html)).toContain('dir="rtl"');
    // The test file has no opt-out texts: those fall back to Dutch.
    const optOut = unescapeHtml(await (await ctx.app.request(path.replace('/s/', '/afmelden/'))).text());
    expect(optOut).toContain('Ja, meld mij af');
    expect(htmlTag(optOut)).toContain('dir="rtl"');
  });

  it('opens the opt-out page and the letter-code page in the chosen language', async () => {
    const ctx = createTestContext();
    const path = surveyPath((await invite(ctx, 'en')).text);
    const optOut = unescapeHtml(await (await ctx.app.request(path.replace('/s/', '/afmelden/'))).text());
    expect(optOut).toContain('Yes, unsubscribe me');
    const done = unescapeHtml(await (await ctx.app.request(path.replace('/s/', '/afmelden/'), { method: 'POST' })).text());
    expect(done).toContain('You have been unsubscribed');
    const code = unescapeHtml(await (await ctx.app.request('/vragenlijst?taal=en')).text());
    expect(code).toContain('Fill in the survey with your code');
    expect(code).toContain('action="/vragenlijst?taal=en"');
  });
});

describe('languageOf (Open Klant taal, ISO 639-2)', () => {
  it('maps three-letter codes to the two-letter codes of the language files, else Dutch', () => {
    expect(languageOf('eng')).toBe('en');
    expect(languageOf('dut')).toBe('nl');
    expect(languageOf('nld')).toBe('nl');
    expect(languageOf('TUR')).toBe('tr');
    expect(languageOf('ara')).toBe('ar');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('xyz')).toBe('nl');
    expect(languageOf(null)).toBe('nl');
  });
});
