/**
 * Survey mails are queued unrendered, with the token of their link on the outbox row, and
 * rendered by the outbox worker when they are sent (src/invitations/invitations.ts). Tests that
 * act as the citizen who got the mail take the link from there, or render the mail as the worker
 * will.
 */
import type { Db } from '../../src/db/client';
import type { OutboxMail } from '../../src/db/schema';
import { renderDueSurveyMail } from '../../src/invitations/invitations';
import type { SurveyMailDeps } from '../../src/invitations/survey-mail';
import { mailTemplates } from '../../views/mail';

/** The invitation mail of this invitation, or the latest one. */
function invitationMailRow(db: Db, invitationId?: number): Pick<OutboxMail, 'id' | 'kind' | 'invitationId' | 'linkToken'> {
  const row = (
    invitationId === undefined
      ? db.$client.prepare("SELECT id, kind, invitation_id AS invitationId, link_token AS linkToken FROM outbox WHERE kind = 'invitation' ORDER BY id DESC").get()
      : db.$client.prepare("SELECT id, kind, invitation_id AS invitationId, link_token AS linkToken FROM outbox WHERE kind = 'invitation' AND invitation_id = ?").get(invitationId)
  ) as Pick<OutboxMail, 'id' | 'kind' | 'invitationId' | 'linkToken'> | undefined;
  if (!row?.linkToken) throw new Error(`No unsent invitation mail${invitationId === undefined ? '' : ` for invitation ${invitationId}`}`);
  return row;
}

/** The token in the survey link of this invitation's mail (or the latest invitation's). */
export const surveyTokenOf = (db: Db, invitationId?: number): string => invitationMailRow(db, invitationId).linkToken!;

/** The path of that survey link: /s/<token>. */
export const surveyPathOf = (db: Db, invitationId?: number): string => `/s/${surveyTokenOf(db, invitationId)}`;

/** The invitation mail (this invitation's, or the latest) as the outbox worker will send it. */
export function invitationMailAsSent(target: { db: Db; config: SurveyMailDeps['config'] }, invitationId?: number) {
  const mail = renderDueSurveyMail(target.db, { config: target.config, mail: mailTemplates }, invitationMailRow(target.db, invitationId));
  return { subject: mail.subject, text: mail.textBody!, html: mail.htmlBody!, headers: mail.headers };
}

/**
 * For a server that runs its outbox worker into the embedded mailbox (which keeps what it sent):
 * waits until the invitation mail of this event (or the latest) was sent, and returns its id and text.
 */
export async function sentInvitationMail(db: Db, eventId?: string): Promise<{ id: number; body: string }> {
  const select =
    eventId === undefined
      ? db.$client.prepare("SELECT id, text_body AS body FROM outbox WHERE kind = 'invitation' ORDER BY id DESC")
      : db.$client.prepare("SELECT o.id, o.text_body AS body FROM outbox o JOIN events e ON e.invitation_id = o.invitation_id WHERE o.kind = 'invitation' AND e.event_id = ?");
  for (let attempt = 0; attempt < 100; attempt++) {
    const row = (eventId === undefined ? select.get() : select.get(eventId)) as { id: number; body: string | null } | undefined;
    if (row?.body) return { id: row.id, body: row.body };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The invitation mail${eventId === undefined ? '' : ` of event ${eventId}`} was not sent within 5 s`);
}
