/**
 * The statements per language over real HTTP: /privacy and /toegankelijkheid in full Dutch as
 * before, with `?taal=en` a short English version with the configured terms filled in and a link
 * to the full Dutch statement; a language file without the statements falls back to the Dutch
 * short texts; survey pages and mails link to the statements in the citizen's language.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nl } from '../src/texts';
import { dutch } from '../src/texts/citizen';
import { decodeHtml, unescapeHtml } from './helpers/html-text';
import { caseClosedEvent, createTestContext } from './helpers/test-context';
import { invitationMailAsSent } from './helpers/survey-link';

const fixtures = join(import.meta.dirname, 'fixtures/languages');
const organisation = {
  ORGANISATION_NAME: 'Gemeente Testdorp',
  ORGANISATION_EMAIL: 'info@testdorp.nl',
  ORGANISATION_PHONE: '14 0123',
  PRIVACY_OFFICER_EMAIL: 'fg@testdorp.nl',
  ACCESSIBILITY_STATUS: 'B',
  ACCESSIBILITY_STATEMENT_DATE: '2026-10-01',
  INVITATION_EXPIRY_DAYS: '21',
  RETENTION_RESPONSES_MONTHS: '18',
  RETENTION_COMMENTS_MONTHS: '6',
  RETENTION_MAIL_DAYS: '14',
  RETENTION_CALLBACK_DAYS: '45',
  MIN_GROUP_SIZE: '12',
};
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)![0];
const h1 = (html: string) => decodeHtml(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!);

describe('/privacy and /toegankelijkheid per language', () => {
  it('?taal=en: the short English privacy statement, lang="en", the configured terms, the link to the full Dutch statement', async () => {
    const ctx = createTestContext(organisation);
    const response = await ctx.app.request('/privacy?taal=en');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(htmlTag(html)).toContain('lang="en"');
    expect(htmlTag(html)).toContain('dir="ltr"');
    expect(h1(html)).toBe('Privacy: the short version');
    const text = decodeHtml(html);
    for (const part of [
      'The full statement in Dutch is the one that applies.',
      'Gemeente Testdorp is responsible for this.',
      'until the link expires (after 21 days)',
      'Your answers: 18 months.',
      'What you wrote in your own words: 6 months.',
      'E-mails we sent: 14 days.',
      'no longer than 45 days',
      'at least 12 people',
      'by e-mail: info@testdorp.nl',
      'by phone: 14 0123',
      'data protection officer: fg@testdorp.nl',
      'Dutch Data Protection Authority',
    ]) {
      expect(text, part).toContain(part);
    }
    // Nothing of the full Dutch statement, and the section the call-back question links to.
    expect(text).not.toContain('artikel 6, lid 1');
    expect(html).toContain('id="terugbelverzoeken"');
    expect(html).toMatch(/<a class="utrecht-link" href="\/privacy\?taal=nl" hreflang="nl"[^>]*>Read the full privacy statement \(in Dutch\)<\/a>/);
    // The language switch.
    expect(html).toMatch(/href="\/privacy\?taal=nl" lang="nl" hreflang="nl">Nederlands</);
    expect(html).toMatch(/href="\/privacy\?taal=en" lang="en" hreflang="en" aria-current="page">English</);

    // The link leads to the full Dutch statement.
    const full = await (await ctx.app.request('/privacy?taal=nl')).text();
    expect(htmlTag(full)).toContain('lang="nl"');
    expect(h1(full)).toBe(nl.statements.privacyTitle);
    expect(decodeHtml(full)).toContain('artikel 6, lid 1, onder e');
  });

  it('without a privacy officer or contact details the short version leaves those out and says how to reach the organisation', async () => {
    const html = decodeHtml(await (await createTestContext().app.request('/privacy?taal=en')).text());
    expect(html).not.toContain('data protection officer');
    expect(html).toMatch(/Please contact [^.]+\./);
    expect(html).toContain('Your answers: 24 months.');
  });

  it('?taal=en on /toegankelijkheid: the short English accessibility statement with status, date and contact', async () => {
    const ctx = createTestContext(organisation);
    const html = await (await ctx.app.request('/toegankelijkheid?taal=en')).text();
    expect(htmlTag(html)).toContain('lang="en"');
    expect(h1(html)).toBe('Accessibility: the short version');
    const text = decodeHtml(html);
    for (const part of ['B — partially compliant', '2026-10-01', 'WCAG 2.1', 'by e-mail: info@testdorp.nl', 'National Ombudsman', 'Gemeente Testdorp']) {
      expect(text, part).toContain(part);
    }
    expect(html).toMatch(/href="\/toegankelijkheid\?taal=nl" hreflang="nl"[^>]*>Read the full accessibility statement \(in Dutch\)</);
  });

  it('without ?taal= the statements stay the full Dutch ones', async () => {
    const ctx = createTestContext(organisation);
    const privacy = await (await ctx.app.request('/privacy')).text();
    expect(htmlTag(privacy)).toContain('lang="nl"');
    expect(h1(privacy)).toBe(nl.statements.privacyTitle);
    expect(decodeHtml(privacy)).toContain('Uw antwoorden: 18 maanden');
    expect(privacy).not.toContain('data-full-statement');
    const accessibility = await (await ctx.app.request('/toegankelijkheid')).text();
    expect(h1(accessibility)).toBe(nl.statements.accessibilityTitle);
    expect(decodeHtml(accessibility)).toContain('B — voldoet gedeeltelijk');
  });

  it('a language file without the statements group: the Dutch short texts on the page in that language, without crashing', async () => {
    const ctx = createTestContext({ ...organisation, LANGUAGES_DIR: fixtures });
    const response = await ctx.app.request('/privacy?taal=ar');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(htmlTag(html)).toContain('lang="ar"');
    expect(htmlTag(html)).toContain('dir="rtl"');
    expect(h1(html)).toBe(dutch.texts.statements.privacy.title);
    expect(decodeHtml(html)).toContain('Uw antwoorden: 18 maanden.');
    expect(html).toContain('href="/privacy?taal=nl"');
    const accessibility = await ctx.app.request('/toegankelijkheid?taal=ar');
    expect(accessibility.status).toBe(200);
    expect(decodeHtml(await accessibility.text())).toContain('B — voldoet gedeeltelijk');
  });

  it('an English survey page and its mail link to the statements in English; a Dutch one to the plain statements', async () => {
    const ctx = createTestContext();
    const invite = async (language: string) => {
      expect((await ctx.postEvent(caseClosedEvent({ citizen: { email: `${language}@example.nl`, language } }))).status).toBe(202);
      return invitationMailAsSent(ctx);
    };
    const english = await invite('en');
    expect(english.text).toMatch(/Privacy statement: https?:\/\/\S+\/privacy\?taal=en\n/);
    expect(english.text).toMatch(/Accessibility: https?:\/\/\S+\/toegankelijkheid\?taal=en$/);
    expect(unescapeHtml(english.html)).toMatch(/href="https?:\/\/\S+\/privacy\?taal=en"/);
    const page = await (await ctx.app.request(new URL(/https?:\/\/\S+\/s\/\S+/.exec(english.text)![0]).pathname)).text();
    expect(page).toContain('href="/privacy?taal=en"');
    expect(page).toContain('href="/toegankelijkheid?taal=en"');

    const dutchMail = await invite('nl');
    expect(dutchMail.text).toMatch(/Privacyverklaring: https?:\/\/\S+\/privacy\n/);
    const dutchPage = await (await ctx.app.request(new URL(/https?:\/\/\S+\/s\/\S+/.exec(dutchMail.text)![0]).pathname)).text();
    expect(dutchPage).toContain('href="/privacy"');
    expect(dutchPage).toContain('href="/toegankelijkheid"');
  });
});
