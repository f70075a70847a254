import { Hono } from 'hono';
import { StatementPage } from '../../views/statements/statement-page';
import type { AppDeps } from '../app';
import type { Config } from '../config';
import { retentionPolicy } from '../privacy/retention';
import { nl, type StatementOrganisation, type StatementRules } from '../texts';

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

/** The statements citizens expect, linked from every page and every mail: /privacy and /toegankelijkheid. */
export function statementRoutes({ config }: Pick<AppDeps, 'config'>) {
  const app = new Hono();
  const organisation = statementOrganisation(config);
  const site = new URL(config.PUBLIC_URL).host;
  app.get('/privacy', (c) =>
    c.render(<StatementPage title={nl.statements.privacyTitle} sections={nl.statements.privacy(organisation, statementRules(config))} />),
  );
  app.get('/toegankelijkheid', (c) =>
    c.render(
      <StatementPage
        title={nl.statements.accessibilityTitle}
        sections={nl.statements.accessibility(organisation, { status: config.ACCESSIBILITY_STATUS, date: config.ACCESSIBILITY_STATEMENT_DATE, site })}
      />,
    ),
  );
  return app;
}
