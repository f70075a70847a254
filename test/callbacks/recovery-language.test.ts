/**
 * The call-back request's citizen side in the citizen's language, over real HTTP, SQLite and SMTP:
 * an English invitation leads to an English call-back question (its privacy link in English), an
 * English "did we help you?" mail and page after the KCC closed the request; a Dutch one stays Dutch.
 */
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../helpers/html-text';
import { caseClosedEvent } from '../helpers/test-context';
import { useKccWithSmtp } from './kcc-fixtures';
import { surveyPathOf } from '../helpers/survey-link';

const setup = useKccWithSmtp();

const unhappy = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '1', grade: '3', effort: '2' };
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)![0];
const post = (path: string, form: Record<string, string>) => setup.ctx.app.request(path, { method: 'POST', body: new URLSearchParams(form) });

/** A citizen invited in `language` answers unhappily and asks for an e-mail; the KCC closes the request; the recovery mail arrives. */
async function recoveryMailFor(email: string, language: string) {
  const { ctx, kcc } = setup;
  expect((await ctx.postEvent(caseClosedEvent({ citizen: { email, language } }))).status).toBe(202);
  const survey = surveyPathOf(ctx.db);
  const question = await post(survey, unhappy);
  expect(question.status).toBe(200);
  const questionHtml = await question.text();
  expect((await post(`${survey}/terugbellen`, { 'callback-method': 'email', 'callback-email': email })).status).toBe(200);
  const id = (ctx.db.$client.prepare('SELECT max(id) FROM callback_requests').pluck().get() as number);
  expect((await kcc(`/dashboard/terugbellen/${id}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'solved' }) })).headers.get('Location')).toContain(
    'opgeslagen=gemaild',
  );
  await setup.deliverMails();
  const mail = setup.smtp.received.find((received) => (received.to as { text: string }).text === email);
  expect(mail, `a recovery mail to ${email}`).toBeDefined();
  return { questionHtml, mail: mail! };
}

describe('the recovery question in the citizen’s language', () => {
  it('an English invitation: English call-back question, English mail over SMTP, English page in every state', async () => {
    const { ctx } = setup;
    const { questionHtml, mail } = await recoveryMailFor('rachel@example.org', 'en');
    expect(htmlTag(questionHtml)).toContain('lang="en"');
    expect(questionHtml).toContain('href="/privacy?taal=en#terugbelverzoeken"');

    expect(mail.subject).toBe('Did we help you well?');
    const text = mail.text ?? '';
    expect(text).toContain('Dear resident,');
    expect(text).toContain('You asked us to contact you about your experience. We have now closed your request.');
    expect(text).toContain('Answer the question:');
    expect(text).toContain('Kind regards,');
    expect(text).toMatch(/Privacy statement: https?:\/\/\S+\/privacy\?taal=en\n/);
    expect(text).not.toMatch(/Bent u|Beste inwoner|Met vriendelijke groet/);
    expect(htmlTag(String(mail.html))).toBe('<html lang="en" dir="ltr">');

    const link = new URL(/https?:\/\/\S+\/terugbellen\/beoordelen\/\S+/.exec(text)![0]).pathname;
    const page = await ctx.app.request(link);
    const html = await page.text();
    expect(htmlTag(html)).toContain('lang="en"');
    expect(decodeHtml(html)).toContain('Did we help you well?');
    expect(decodeHtml(html)).toContain('5 – Very well');
    // The language switch, and the footer's statements in English.
    expect(html).toContain(`href="${link}?taal=nl"`);
    expect(html).toContain('href="/privacy?taal=en"');

    const wrong = await post(link, { score: '0' });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(decodeHtml(wrongHtml)).toContain('Choose a number from 1 to 5.');
    expect(wrongHtml).toContain('<title>Error: Did we help you well?');

    // Switched to Dutch on the page: the form keeps the choice.
    const dutch = await (await ctx.app.request(`${link}?taal=nl`)).text();
    expect(htmlTag(dutch)).toContain('lang="nl"');
    expect(dutch).toContain(`action="${link}?taal=nl"`);

    expect(decodeHtml(await (await post(link, { score: '5' })).text())).toContain('Thank you for your answer.');
    expect(decodeHtml(await (await ctx.app.request(link)).text())).toContain('You have already answered this question');
  });

  it('a Dutch invitation: the mail and page read as before', async () => {
    const { ctx } = setup;
    const { mail } = await recoveryMailFor('henk@example.nl', 'nl');
    expect(mail.subject).toBe('Bent u goed geholpen?');
    const text = mail.text ?? '';
    for (const line of [
      'Beste inwoner,',
      'U vroeg ons om contact over uw ervaring. Wij hebben uw vraag afgesloten.',
      'Wilt u laten weten of u goed geholpen bent? Het is één vraag.',
      'Beantwoord de vraag:',
      'Uw contactgegevens hebben wij al gewist. U krijgt hierover geen e-mail meer.',
      'Met vriendelijke groet,',
      'U hoeft niets te doen als u de vraag niet wilt beantwoorden.',
    ]) {
      expect(text, line).toContain(line);
    }
    expect(text).toMatch(/Privacyverklaring: https?:\/\/\S+\/privacy\n/);
    expect(htmlTag(String(mail.html))).toBe('<html lang="nl" dir="ltr">');
    const link = new URL(/https?:\/\/\S+\/terugbellen\/beoordelen\/\S+/.exec(text)![0]).pathname;
    const html = await (await ctx.app.request(link)).text();
    expect(htmlTag(html)).toContain('lang="nl"');
    expect(decodeHtml(html)).toContain('Kies een cijfer van 1 tot 5. 1 is helemaal niet, 5 is heel goed.');
    expect(html).toContain('href="/privacy"');
    const wrong = await (await post(link, {})).text();
    expect(decodeHtml(wrong)).toContain('Controleer wat u hebt ingevuld');
    expect(wrong).toContain('<title>Fout: Bent u goed geholpen?');
  });
});
