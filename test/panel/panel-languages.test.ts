/**
 * The consent panel in the citizen's language: the consent block at the end of an English survey,
 * the English consent text kept by its own hash, the member's language remembered for the
 * confirmation mail (real SMTP), the pages behind the mail links and a later study invitation;
 * a Dutch sign-up stays Dutch.
 */
import { describe, expect, it } from 'vitest';
import { consentText } from '../../src/consent-text';
import { citizenLanguages } from '../../src/languages/language-files';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { createStudy, findMember, inviteToStudy, runPanelJobs } from '../../src/panel/panel';
import { citizenLanguage, dutch } from '../../src/texts/citizen';
import { mailTemplates } from '../../views/mail';
import { unescapeHtml } from '../helpers/html-text';
import { useSmtpServer } from '../helpers/smtp';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const smtp = useSmtpServer();
const english = citizenLanguage(citizenLanguages(undefined), 'en');
const answers = { 'feeling-afspraak-maken': '-1', 'feeling-balie': '1', 'feeling-ophalen': '2', grade: '7', effort: '5' };

async function surveyPath(ctx: TestContext, email: string, language: string) {
  expect((await ctx.postEvent(caseClosedEvent({ citizen: { email, language } }))).status).toBe(202);
  return surveyPathOf(ctx.db);
}

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)![0];
/** The path of a panel link in a mail's text. */
const linkIn = (text: string | undefined, path: string) => new URL(new RegExp(`https?://\\S+/burgerpanel/${path}/[A-Za-z0-9_-]+`).exec(text || '')![0]).pathname;
const page = async (response: Response) => unescapeHtml(await response.text());
const shownHash = (html: string) => /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(html)![1]!;
const givenConsent = (ctx: TestContext, memberId: number) =>
  ctx.db.$client.prepare("SELECT text_version, text_hash FROM panel_consents WHERE member_id = ? AND event = 'given'").get(memberId) as { text_version: string; text_hash: string };
const storedText = (ctx: TestContext, hash: string) => (ctx.db.$client.prepare('SELECT text FROM panel_consent_texts WHERE hash = ?').get(hash) as { text: string } | undefined)?.text;
const lastMemberId = (ctx: TestContext) => (ctx.db.$client.prepare('SELECT id FROM panel_members ORDER BY id DESC').get() as { id: number }).id;

/** Sends the queued mails over real SMTP and returns the last one to `email`. */
async function deliveredTo(ctx: TestContext, transport: ReturnType<typeof createMailTransport>, email: string) {
  const before = smtp.received.length;
  await deliverDueMails(ctx.db, transport, ctx);
  const mails = await smtp.waitFor(before + 1);
  return mails.filter((mail) => JSON.stringify(mail.to).includes(email)).at(-1)!;
}

describe('the consent panel in the citizen’s language', () => {
  it('an English survey asks for consent in English; the sign-up keeps the English text by its own hash and the member stays English', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const englishText = consentText(ctx.config, english);
    const dutchText = consentText(ctx.config, dutch);
    expect(englishText.hash).not.toBe(dutchText.hash);
    expect(englishText.version).toBe(dutchText.version);

    const path = await surveyPath(ctx, 'sam@example.com', 'en');
    const survey = await page(await ctx.app.request(path));
    expect(htmlTag(survey)).toContain('lang="en"');
    // The block is English now: no Dutch island in the English page.
    expect(survey).not.toContain('lang="nl" dir="ltr"');
    expect(survey).toContain('May we ask you something later? (optional)');
    expect(survey).toContain('Yes, you may ask me for a conversation. I have read the text above.');
    expect(survey).toContain('Your e-mail address');
    expect(survey).toContain('By phone');
    expect(survey).toContain('How often? We ask you 2 times a year at most.');
    expect(survey).toContain('Your consent is valid for 12 months.');
    expect(survey).toContain('If you do not click it within 7 days, we delete your details.');
    expect(survey).not.toContain('Mogen wij u later iets vragen');
    expect(shownHash(survey)).toBe(englishText.hash);

    // Errors of the block in English.
    const invalid = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'not-an-address', 'panel-text-hash': englishText.hash }) });
    expect(invalid.status).toBe(422);
    const errors = await page(invalid);
    expect(errors).toContain('Enter a valid e-mail address, such as name@example.com.');
    expect(errors).not.toContain('Vul een geldig e-mailadres in');

    const sent = await ctx.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'sam@example.com', 'panel-text-hash': englishText.hash }),
    });
    expect(sent.status).toBe(200);
    const thanks = await page(sent);
    expect(htmlTag(thanks)).toContain('lang="en"');
    expect(thanks).toContain('You will soon get an e-mail about the conversation.');

    const memberId = lastMemberId(ctx);
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'pending', language: 'en' });
    expect(givenConsent(ctx, memberId)).toEqual({ text_version: englishText.version, text_hash: englishText.hash });
    expect(storedText(ctx, englishText.hash)).toBe(englishText.text);
    expect(storedText(ctx, englishText.hash)).toContain('What do we keep? Your e-mail address.');

    // The confirmation mail over SMTP, in English.
    const confirmation = await deliveredTo(ctx, transport, 'sam@example.com');
    expect(confirmation.subject).toBe('Confirm that you take part in conversations – Gemeente Voorbeeld');
    expect(confirmation.text).toContain('Dear resident,');
    expect(confirmation.text).toContain('You told us that Gemeente Voorbeeld may ask you for a conversation about your experience.');
    expect(confirmation.text).toContain('If you do not click within 7 days, we delete your details.');
    expect(confirmation.text).toContain('Do you no longer want to be asked? Stop with one click:');
    expect(confirmation.text).not.toContain('Beste inwoner');
    expect(htmlTag(confirmation.html as string)).toBe('<html lang="en" dir="ltr">');

    // The confirmation page asks in English (with the switch), and confirms in English with an English date.
    const confirmPath = linkIn(confirmation.text, 'bevestigen');
    const asked = await page(await ctx.app.request(confirmPath));
    expect(htmlTag(asked)).toContain('lang="en"');
    expect(asked).toContain('Confirm that you take part in conversations');
    expect(asked).toContain('Yes, I will take part');
    expect(asked).toContain(`href="${confirmPath}?taal=nl"`);
    const confirmed = await page(await ctx.app.request(confirmPath, { method: 'POST' }));
    expect(htmlTag(confirmed)).toContain('lang="en"');
    expect(confirmed).toContain('You are taking part');
    expect(confirmed).toMatch(/until and including [A-Z][a-z]+ \d{1,2}, \d{4}\./);
    expect(findMember(ctx.db, memberId)!.status).toBe('active');

    // A later study invitation is English around the researcher's own text, and so is its page.
    const study = createStudy(ctx.db, ctx.clock.now(), { title: 'Appointments', purpose: 'Learn', journeyId: null, invitationText: 'Would you talk with us for 45 minutes?', createdBy: null });
    expect(inviteToStudy(ctx.db, { clock: ctx.clock, config: ctx.config, dataKey: TEST_DATA_KEY, mail: mailTemplates }, study.id, [memberId]).invited).toEqual([memberId]);
    const invitation = await deliveredTo(ctx, transport, 'sam@example.com');
    expect(invitation.subject).toBe('Invitation to a conversation: Appointments – Gemeente Voorbeeld');
    expect(invitation.text).toContain('Taking part is voluntary. If you say no, this has no consequences for you.');
    expect(invitation.text).toContain('No, thank you:');
    const studyPage = await page(await ctx.app.request(`${linkIn(invitation.text, 'onderzoek')}?antwoord=ja`));
    expect(studyPage).toContain('Invitation to a conversation: Appointments');
    expect(studyPage).toContain('Will you take part in this conversation?');

    // The withdrawal page: English, and Dutch when switched.
    const withdrawPath = linkIn(invitation.text, 'afmelden');
    expect(await page(await ctx.app.request(withdrawPath))).toContain("Stop taking part in the residents' panel");
    const switched = await page(await ctx.app.request(`${withdrawPath}?taal=nl`));
    expect(htmlTag(switched)).toContain('lang="nl"');
    expect(switched).toContain('Stoppen met het burgerpanel');
    expect(switched).toContain(`action="${withdrawPath}?taal=nl"`);
    const withdrawn = await page(await ctx.app.request(withdrawPath, { method: 'POST' }));
    expect(withdrawn).toContain('We have deleted your contact details.');
    expect(findMember(ctx.db, memberId)).toMatchObject({ status: 'withdrawn', contact: null });
    transport.close();
  });

  it('a Dutch sign-up stays Dutch: the Dutch text’s hash, a Dutch member and a Dutch confirmation', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url });
    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const dutchText = consentText(ctx.config, dutch);
    const path = await surveyPath(ctx, 'noor@example.nl', 'nl');
    const survey = await page(await ctx.app.request(path));
    expect(survey).toContain('Mogen wij u later iets vragen? (niet verplicht)');
    expect(survey).toContain(dutchText.paragraphs[3]!);
    expect(shownHash(survey)).toBe(dutchText.hash);
    await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'noor@example.nl', 'panel-text-hash': dutchText.hash }) });
    const memberId = lastMemberId(ctx);
    expect(findMember(ctx.db, memberId)!.language).toBe('nl');
    expect(givenConsent(ctx, memberId).text_hash).toBe(dutchText.hash);
    const confirmation = await deliveredTo(ctx, transport, 'noor@example.nl');
    expect(confirmation.subject).toBe('Bevestig dat u meedoet aan gesprekken – Gemeente Voorbeeld');
    expect(confirmation.text).toContain('Beste inwoner,');
    expect(htmlTag(confirmation.html as string)).toBe('<html lang="nl" dir="ltr">');
    const confirmed = await page(await ctx.app.request(linkIn(confirmation.text, 'bevestigen'), { method: 'POST' }));
    expect(htmlTag(confirmed)).toContain('lang="nl"');
    expect(confirmed).toContain('U doet mee');
    transport.close();
  });

  it('a Dutch invitation switched to English with ?taal=en signs up in English', async () => {
    const ctx = createTestContext();
    const path = await surveyPath(ctx, 'alex@example.com', 'nl');
    const survey = await page(await ctx.app.request(`${path}?taal=en`));
    expect(survey).toContain('May we ask you something later? (optional)');
    const hash = shownHash(survey);
    expect(hash).toBe(consentText(ctx.config, english).hash);
    const sent = await ctx.app.request(`${path}?taal=en`, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'alex@example.com', 'panel-text-hash': hash }) });
    expect(sent.status).toBe(200);
    const memberId = lastMemberId(ctx);
    expect(findMember(ctx.db, memberId)!.language).toBe('en');
    expect(givenConsent(ctx, memberId).text_hash).toBe(hash);
    const mail = ctx.db.$client.prepare("SELECT subject FROM outbox WHERE kind = 'panel-confirmation'").get() as { subject: string };
    expect(mail.subject).toBe('Confirm that you take part in conversations – Gemeente Voorbeeld');
  });

  it('renews an English member in English: the renewal mail, the page with the English consent text and its hash as proof', async () => {
    const ctx = createTestContext();
    const deps = { clock: ctx.clock, config: ctx.config, dataKey: TEST_DATA_KEY, mail: mailTemplates };
    const englishText = consentText(ctx.config, english);
    const path = await surveyPath(ctx, 'kim@example.com', 'en');
    await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': 'kim@example.com', 'panel-text-hash': englishText.hash }) });
    const memberId = lastMemberId(ctx);
    const mailText = (kind: string) => (ctx.db.$client.prepare('SELECT subject, text_body FROM outbox WHERE kind = ? ORDER BY id DESC').get(kind) as { subject: string; text_body: string });
    await ctx.app.request(linkIn(mailText('panel-confirmation').text_body, 'bevestigen'), { method: 'POST' });
    ctx.clock.advanceDays(340);
    expect(runPanelJobs(ctx.db, deps).renewalsQueued).toBe(1);
    const renewal = mailText('panel-renewal');
    expect(renewal.subject).toBe('Do you want to keep taking part in conversations? – Gemeente Voorbeeld');
    expect(renewal.text_body).toMatch(/Your consent ends on [A-Z][a-z]+ \d{1,2}, \d{4}\./);
    const renewPath = linkIn(renewal.text_body, 'verlengen');
    const asked = await page(await ctx.app.request(renewPath));
    expect(asked).toContain('Do you want to keep taking part?');
    expect(asked).toContain(englishText.paragraphs[0]!);
    expect(await page(await ctx.app.request(renewPath, { method: 'POST' }))).toContain('You are still taking part');
    const renewed = ctx.db.$client.prepare("SELECT text_hash FROM panel_consents WHERE member_id = ? AND event = 'renewed'").get(memberId);
    expect(renewed).toEqual({ text_hash: englishText.hash });
  });
});
