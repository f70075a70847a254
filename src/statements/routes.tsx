import { Hono } from 'hono';
import { StatementPage } from '../../views/statements/statement-page';
import type { AppDeps } from '../app';
import type { Config } from '../config';
import { pageLanguage } from '../http/citizen-language';
import { chainStatement } from '../organisations/chain-statement';
import { retentionPolicy } from '../privacy/retention';
import { nl, type StatementOrganisation, type StatementRules } from '../texts';
import { DEFAULT_LANGUAGE } from '../texts/citizen';

type StatementConfig = Pick<
  Config,
  | 'ORGANISATION_NAME'
  | 'ORGANISATION_EMAIL'
  | 'ORGANISATION_PHONE'
  | 'ORGANISATION_ADDRESS'
  | 'ORGANISATION_URL'
  | 'PRIVACY_OFFICER_EMAIL'
  | 'ACCESSIBILITY_STATUS'
  | 'ACCESSIBILITY_STATEMENT_DATE'
  | 'PUBLIC_URL'
  | 'INVITATION_EXPIRY_DAYS'
  | 'FATIGUE_DAYS'
  | 'PANEL_CONSENT_MONTHS'
  | 'MIN_GROUP_SIZE'
  | 'RETENTION_RESPONSES_MONTHS'
  | 'RETENTION_COMMENTS_MONTHS'
  | 'RETENTION_AUDIT_MONTHS'
  | 'RETENTION_CALLBACK_DAYS'
  | 'RETENTION_MAIL_DAYS'
  | 'RETENTION_EVENT_PAYLOAD_DAYS'
  | 'LANGUAGES_DIR'
>;

export function statementOrganisation(config: StatementConfig): StatementOrganisation {
  return {
    name: config.ORGANISATION_NAME,
    email: config.ORGANISATION_EMAIL,
    phone: config.ORGANISATION_PHONE,
    address: config.ORGANISATION_ADDRESS,
    url: config.ORGANISATION_URL,
    privacyOfficerEmail: config.PRIVACY_OFFICER_EMAIL,
  };
}

/** The terms the privacy statement names: the retention configuration in effect. */
export function statementRules(config: StatementConfig): StatementRules {
  const policy = retentionPolicy(config);
  return {
    expiryDays: config.INVITATION_EXPIRY_DAYS,
    fatigueDays: config.FATIGUE_DAYS,
    mailDays: policy.mailDays,
    responsesMonths: policy.responsesMonths,
    commentsMonths: policy.commentsMonths,
    auditMonths: policy.auditMonths,
    panelConsentMonths: config.PANEL_CONSENT_MONTHS,
    callbackDays: policy.callbackDays,
    minGroupSize: config.MIN_GROUP_SIZE,
  };
}

/**
 * The statements citizens expect, linked from every page and every mail: /privacy and
 * /toegankelijkheid. In full in Dutch; in another language (`?taal=`) a short version in plain
 * words with a link to the full Dutch statement, which is the one that applies.
 */
export function statementRoutes({ config, db }: Pick<AppDeps, 'config' | 'db'>) {
  const app = new Hono();
  const organisation = statementOrganisation(config);
  const accessibility = { status: config.ACCESSIBILITY_STATUS, date: config.ACCESSIBILITY_STATEMENT_DATE, site: new URL(config.PUBLIC_URL).host };
  app.get('/privacy', (c) => {
    const lang = pageLanguage(c, config);
    const short = lang.language.texts.statements;
    return c.render(
      lang.render(
        lang.language.code === DEFAULT_LANGUAGE ? (
          <StatementPage title={nl.statements.privacyTitle} sections={nl.statements.privacy(organisation, statementRules(config), chainStatement(db))} />
        ) : (
          <StatementPage
            title={short.privacy.title}
            lead={short.shortLead}
            sections={short.privacySections(organisation, statementRules(config))}
            full={{ label: short.privacy.fullLink, href: `/privacy?taal=${DEFAULT_LANGUAGE}` }}
          />
        ),
        true,
      ),
    );
  });
  app.get('/toegankelijkheid', (c) => {
    const lang = pageLanguage(c, config);
    const short = lang.language.texts.statements;
    return c.render(
      lang.render(
        lang.language.code === DEFAULT_LANGUAGE ? (
          <StatementPage title={nl.statements.accessibilityTitle} sections={nl.statements.accessibility(organisation, accessibility)} />
        ) : (
          <StatementPage
            title={short.accessibility.title}
            lead={short.shortLead}
            sections={short.accessibilitySections(organisation, accessibility)}
            full={{ label: short.accessibility.fullLink, href: `/toegankelijkheid?taal=${DEFAULT_LANGUAGE}` }}
          />
        ),
        true,
      ),
    );
  });
  return app;
}
