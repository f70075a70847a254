import type { Config } from '../config';

/** The retention terms from the configuration, and per rule the instant before which rows go. Pure. */

export interface RetentionPolicy {
  /** Responses, answers and "we hebben u gemist" answers; also anonymises invitations, appointments and deletes events. */
  responsesMonths: number;
  /** Open-text comments (the score stays until the response goes). */
  commentsMonths: number;
  /** The audit log (BIO: at least 36). */
  auditMonths: number;
  /** Outbox rows no longer queued (sent, failed, cancelled). */
  mailDays: number;
  /** Personal fields in the raw event payloads (0 = at the first run after processing). */
  eventPayloadDays: number;
  /** Contact details of call-back requests (closing erases them sooner). */
  callbackDays: number;
}

export function retentionPolicy(
  config: Pick<Config, 'RETENTION_RESPONSES_MONTHS' | 'RETENTION_COMMENTS_MONTHS' | 'RETENTION_AUDIT_MONTHS' | 'RETENTION_MAIL_DAYS' | 'RETENTION_EVENT_PAYLOAD_DAYS' | 'RETENTION_CALLBACK_DAYS'>,
): RetentionPolicy {
  return {
    responsesMonths: config.RETENTION_RESPONSES_MONTHS,
    commentsMonths: Math.min(config.RETENTION_COMMENTS_MONTHS, config.RETENTION_RESPONSES_MONTHS),
    auditMonths: Math.max(36, config.RETENTION_AUDIT_MONTHS),
    mailDays: config.RETENTION_MAIL_DAYS,
    eventPayloadDays: config.RETENTION_EVENT_PAYLOAD_DAYS,
    callbackDays: config.RETENTION_CALLBACK_DAYS,
  };
}

/** The purges, in the order they run. */
export const retentionRules = [
  'invitation-contact',
  'event-payloads',
  'mail',
  'comments',
  'responses',
  'no-show-responses',
  'invitations',
  'appointments',
  'events',
  'panel-contacts',
  'callback-contacts',
  'sessions',
  'audit-log',
] as const;
export type RetentionRule = (typeof retentionRules)[number];

/** The same calendar date N months earlier (UTC), clamped to the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const result = new Date(now);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** Per rule: rows from before this instant (inclusive) are purged. */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): Record<RetentionRule, Date> {
  const responses = monthsBefore(now, policy.responsesMonths);
  return {
    'invitation-contact': now,
    'event-payloads': daysBefore(now, policy.eventPayloadDays),
    mail: daysBefore(now, policy.mailDays),
    comments: monthsBefore(now, policy.commentsMonths),
    responses,
    'no-show-responses': responses,
    invitations: responses,
    appointments: responses,
    events: responses,
    'panel-contacts': now,
    'callback-contacts': daysBefore(now, policy.callbackDays),
    sessions: now,
    'audit-log': monthsBefore(now, policy.auditMonths),
  };
}
