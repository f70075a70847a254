/**
 * Survey mails are rendered once per journey, language, kind and expiry day and then get each
 * citizen's own token (src/invitations/survey-mail.ts). What the outbox holds must be exactly what
 * rendering the template for that citizen gives.
 */
import { describe, expect, it } from 'vitest';
import { renderSurveyMail, type SurveyMailDeps, type SurveyMailInvitation } from '../../src/invitations/survey-mail';
import { citizenLanguages } from '../../src/languages/language-files';
import { citizenLanguage } from '../../src/texts/citizen';
import { generateToken } from '../../src/tokens';
import { caseClosedEvent, createTestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';
import { invitationMailAsSent } from '../helpers/survey-link';

// A languages folder that does not exist: the built-in Dutch and English only.
const config = { PUBLIC_URL: 'https://meethuis.example', ORGANISATION_NAME: 'Gemeente Voorbeeld', LANGUAGES_DIR: '/nonexistent/meethuis-talen' };

/** The template rendered directly for this token: what the mail must be. */
function renderedDirectly(deps: SurveyMailDeps, kind: 'invitation' | 'reminder', invitation: SurveyMailInvitation, token: string) {
  return deps.mail.survey({
    kind,
    survey: invitation.survey,
    organisation: config.ORGANISATION_NAME,
    journeyName: invitation.journeyName,
    stepCount: invitation.stepCount,
    minutes: invitation.minutes ?? 2,
    surveyUrl: `${config.PUBLIC_URL}/s/${token}`,
    optOutUrl: `${config.PUBLIC_URL}/afmelden/${token}`,
    privacyUrl: `${config.PUBLIC_URL}/privacy`,
    improvementsUrl: `${config.PUBLIC_URL}/verbeteringen`,
    expiresAt: invitation.expiresAt,
    language: citizenLanguage(citizenLanguages(config.LANGUAGES_DIR), invitation.language),
  });
}

describe('renderSurveyMail', () => {
  const deps: SurveyMailDeps = { config, mail: { survey: mailTemplates.survey } };
  const expiresAt = new Date(Date.UTC(2031, 2, 14, 10));
  const base: SurveyMailInvitation = { survey: 'journey', journeyName: 'Paspoort aanvragen', stepCount: 3, language: 'nl', expiresAt };

  it('gives each citizen the mail the template renders for their own token, also when it comes from the cache', () => {
    for (const kind of ['invitation', 'reminder'] as const) {
      for (const invitation of [base, { ...base, language: 'en' }, { ...base, stepCount: 1 }, { ...base, journeyName: 'Verhuizen' }]) {
        const tokens = [generateToken(), generateToken(), generateToken()];
        for (const token of tokens) {
          const mail = renderSurveyMail(deps, kind, invitation, token);
          const direct = renderedDirectly(deps, kind, invitation, token);
          expect(mail.subject).toBe(direct.subject);
          expect(mail.textBody).toBe(direct.text);
          expect(mail.htmlBody).toBe(direct.html);
          expect(mail.textBody).toContain(`/s/${token}`);
          expect(mail.headers).toMatchObject({ 'List-Unsubscribe': `<${config.PUBLIC_URL}/afmelden/${token}>` });
          for (const other of tokens.filter((candidate) => candidate !== token)) expect(`${mail.textBody}${mail.htmlBody}`).not.toContain(other);
        }
      }
    }
  });

  it('shows the expiry day of each invitation: a later day is not served from an earlier day’s rendering', () => {
    const token = generateToken();
    const today = renderSurveyMail(deps, 'invitation', base, token);
    const nextDay = renderSurveyMail(deps, 'invitation', { ...base, expiresAt: new Date(expiresAt.getTime() + 86_400_000) }, token);
    expect(today.textBody).toContain('14 maart 2031');
    expect(nextDay.textBody).toContain('15 maart 2031');
    expect(nextDay.textBody).toBe(renderedDirectly(deps, 'invitation', { ...base, expiresAt: new Date(expiresAt.getTime() + 86_400_000) }, token).text);
  });

  it('refuses a token that could not stand in the cached mail unchanged', () => {
    expect(() => renderSurveyMail(deps, 'invitation', base, 'short')).toThrow(/43 characters/);
    expect(() => renderSurveyMail(deps, 'invitation', base, `${'a'.repeat(42)}<`)).toThrow(/43 characters/);
  });

  it('queues each event’s invitation mail with its own link, different from the other citizens’', async () => {
    const ctx = createTestContext();
    for (let i = 0; i < 3; i++) expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    const invitations = ctx.db.$client.prepare("SELECT invitation_id FROM outbox WHERE kind = 'invitation' ORDER BY id").pluck().all() as number[];
    const links = invitations.map((id) => /\/s\/([A-Za-z0-9_-]+)/.exec(invitationMailAsSent(ctx, id).text)![1]!);
    expect(new Set(links).size).toBe(3);
    for (const link of links) expect((await ctx.app.request(`/s/${link}`)).status).toBe(200);
  });
});
