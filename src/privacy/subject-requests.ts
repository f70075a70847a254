import { createHmac } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { PanelMember } from '../db/schema';
import { endMembership, readContact, type PanelContact } from '../panel/panel';
import { addressHash, normaliseAddress } from '../tokens';
import { minimiseEventPayload } from './retention';

/**
 * Data-subject requests (AVG art. 15 and 17): everything meethuis holds about one e-mail
 * address, as a summary, as JSON, or erased. Shared by /admin/privacy/verzoek and the CLI.
 *
 * Found by the address itself (invitations not yet closed, mails in the outbox, panel contact
 * details after decryption) and by its keyed hash (invitations, opt-outs, appointments); from
 * there the responses, answers and "we hebben u gemist" answers of those invitations, the
 * panel members signed up from those responses, and the events that created the invitations.
 *
 * Erasure follows the retention choices (src/privacy/retention.ts): responses and answers are
 * deleted; invitations and appointments stay only as anonymous rows for the response funnel and
 * the no-show patterns (address, hash, references and segment erased); the dashboard roll-ups,
 * anonymous daily sums, stay. What remains of the address is at most its keyed hash in
 * `opt_outs`, which an opt-out needs to be honoured.
 */

export interface SubjectDeps {
  addressHashKey: string;
  dataKey: string;
  clock: Clock;
}

/**
 * How audit lines name a request without the address: a keyed hash of it, separate from the
 * opt-out hash (another domain) and shortened. The same address gives the same reference, so
 * an admin can see that a search, an export and an erasure were about one request.
 */
export function requestReference(addressHashKey: string, email: string): string {
  return `verzoek:${createHmac('sha256', addressHashKey).update(`subject-request\u0000${normaliseAddress(email)}`, 'utf8').digest('hex').slice(0, 16)}`;
}

export interface SubjectInvitation {
  id: number;
  kind: string;
  journey: string;
  status: string;
  suppressedReason: string | null;
  caseReference: string | null;
  /** Whether the address itself is still on the invitation (until it is answered, expires or opts out). */
  addressHeld: boolean;
  segment: Record<string, string>;
  channel: string | null;
  createdAt: string;
  expiresAt: string;
  mailedAt: string | null;
  answeredAt: string | null;
}

export interface SubjectData {
  address: string;
  invitations: SubjectInvitation[];
  mails: { id: number; kind: string; status: string; subject: string; toAddress: string; createdAt: string; sentAt: string | null; bodyHeld: boolean }[];
  optOut: { createdAt: string } | null;
  appointments: { id: number; reference: string; product: string; location: string; channel: string; startsAt: string; status: string; segment: Record<string, string> }[];
  noShowAnswers: { id: number; invitationId: number; appointmentId: number; reason: string; comment: string | null; bookingFeeling: number | null; submittedAt: string }[];
  responses: {
    id: number;
    invitationId: number;
    journey: string;
    grade: number;
    effort: number;
    segment: Record<string, string>;
    channel: string | null;
    submittedAt: string;
    answers: { touchpoint: string; feeling: number | null; comment: string | null; answeredAt: string }[];
  }[];
  panel: {
    id: number;
    status: string;
    journey: string;
    contact: PanelContact | null;
    createdAt: string;
    confirmedAt: string | null;
    consentExpiresAt: string | null;
    endedAt: string | null;
    consents: { event: string; at: string; by: string; textVersion: string | null; textHash: string | null }[];
    studies: { study: string; status: string; invitedAt: string; answeredAt: string | null }[];
  }[];
  events: { id: number; type: string; receivedAt: string; payload: unknown }[];
}

export interface SubjectSummary {
  invitations: number;
  invitationsWithAddress: number;
  mails: number;
  optedOut: boolean;
  appointments: number;
  noShowAnswers: number;
  responses: number;
  answers: number;
  panelMembers: number;
  consents: number;
  events: number;
  total: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isoRequired = (ms: number) => new Date(ms).toISOString();
const json = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};
const ids = (values: number[]) => JSON.stringify([...new Set(values)]);
const IN_IDS = 'IN (SELECT value FROM json_each(?))';

interface Found {
  address: string;
  hash: string;
  invitationIds: number[];
  responseIds: number[];
  memberIds: number[];
  mailIds: number[];
  appointmentIds: number[];
  eventIds: number[];
}

/** Decrypts each panel member's contact details that are still held; the address is only there. */
function membersByAddress(db: Db, dataKey: string, address: string): number[] {
  const rows = db.$client.prepare('SELECT id, contact FROM panel_members WHERE contact IS NOT NULL').all() as Pick<PanelMember, 'id' | 'contact'>[];
  const found: number[] = [];
  for (const row of rows) {
    let contact: PanelContact | null = null;
    try {
      contact = readContact({ dataKey }, row);
    } catch {
      // Encrypted with another key (a restored backup): it cannot be ours to read, nor to match.
      continue;
    }
    if (contact && normaliseAddress(contact.email) === address) found.push(row.id);
  }
  return found;
}

function find(db: Db, deps: Pick<SubjectDeps, 'addressHashKey' | 'dataKey'>, email: string): Found {
  const client = db.$client;
  const address = normaliseAddress(email);
  const hash = addressHash(deps.addressHashKey, address);
  const invitationIds = client
    .prepare(`SELECT id FROM invitations WHERE address_hash = ? OR (email IS NOT NULL AND lower(trim(email)) = ?) ORDER BY id`)
    .pluck()
    .all(hash, address) as number[];
  const responseIds = client.prepare(`SELECT id FROM responses WHERE invitation_id ${IN_IDS} ORDER BY id`).pluck().all(ids(invitationIds)) as number[];
  const memberIds = [
    ...new Set([
      ...(client.prepare(`SELECT id FROM panel_members WHERE response_id ${IN_IDS}`).pluck().all(ids(responseIds)) as number[]),
      ...membersByAddress(db, deps.dataKey, address),
    ]),
  ].sort((a, b) => a - b);
  const mailIds = client
    .prepare(`SELECT id FROM outbox WHERE lower(trim(to_address)) = ? OR invitation_id ${IN_IDS} OR panel_member_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .pluck()
    .all(address, ids(invitationIds), ids(memberIds)) as number[];
  const appointmentIds = client
    .prepare(
      `SELECT id FROM appointments WHERE address_hash = ?
       UNION SELECT appointment_id FROM invitations WHERE id ${IN_IDS} AND appointment_id IS NOT NULL
       UNION SELECT appointment_id FROM no_show_responses WHERE invitation_id IN (SELECT value FROM json_each(?))
       ORDER BY 1`,
    )
    .pluck()
    .all(hash, ids(invitationIds), ids(invitationIds)) as number[];
  // The events that created those invitations, and every event about those appointments (booked, attended …).
  const eventIds = client
    .prepare(
      `SELECT id FROM events WHERE invitation_id ${IN_IDS}
       UNION SELECT e.id FROM events e JOIN appointments a ON a.reference = json_extract(e.payload, '$.appointment.reference')
        WHERE a.id IN (SELECT value FROM json_each(?)) AND e.type LIKE 'appointment.%'
       ORDER BY 1`,
    )
    .pluck()
    .all(ids(invitationIds), ids(appointmentIds)) as number[];
  return { address, hash, invitationIds, responseIds, memberIds, mailIds, appointmentIds, eventIds };
}

/** Everything held about the address, readable (journey and touchpoint names, ISO dates). */
export function findSubjectData(db: Db, deps: Pick<SubjectDeps, 'addressHashKey' | 'dataKey'>, email: string): SubjectData {
  const found = find(db, deps, email);
  const client = db.$client;
  const invitations = (
    client
      .prepare(
        `SELECT i.*, j.name AS journey FROM invitations i JOIN journeys j ON j.id = i.journey_id WHERE i.id ${IN_IDS} ORDER BY i.id`,
      )
      .all(ids(found.invitationIds)) as Record<string, unknown>[]
  ).map((row) => ({
    id: row.id as number,
    kind: row.kind as string,
    journey: row.journey as string,
    status: row.status as string,
    suppressedReason: (row.suppressed_reason as string | null) ?? null,
    caseReference: (row.case_reference as string) || null,
    addressHeld: row.email !== null,
    segment: json<Record<string, string>>(row.segment as string, {}),
    channel: (row.channel as string | null) ?? null,
    createdAt: isoRequired(row.created_at as number),
    expiresAt: isoRequired(row.expires_at as number),
    mailedAt: iso(row.mailed_at as number | null),
    answeredAt: iso(row.answered_at as number | null),
  }));
  const mails = (client.prepare(`SELECT * FROM outbox WHERE id ${IN_IDS} ORDER BY id`).all(ids(found.mailIds)) as Record<string, unknown>[]).map((row) => ({
    id: row.id as number,
    kind: row.kind as string,
    status: row.status as string,
    subject: row.subject as string,
    toAddress: row.to_address as string,
    createdAt: isoRequired(row.created_at as number),
    sentAt: iso(row.sent_at as number | null),
    bodyHeld: row.text_body !== null || row.html_body !== null,
  }));
  const optOutRow = client.prepare('SELECT created_at FROM opt_outs WHERE address_hash = ?').get(found.hash) as { created_at: number } | undefined;
  const appointments = (client.prepare(`SELECT * FROM appointments WHERE id ${IN_IDS} ORDER BY id`).all(ids(found.appointmentIds)) as Record<string, unknown>[]).map(
    (row) => ({
      id: row.id as number,
      reference: row.reference as string,
      product: row.product as string,
      location: row.location as string,
      channel: row.channel as string,
      startsAt: isoRequired(row.starts_at as number),
      status: row.status as string,
      segment: json<Record<string, string>>(row.segment as string, {}),
    }),
  );
  const noShowAnswers = (
    client.prepare(`SELECT * FROM no_show_responses WHERE invitation_id ${IN_IDS} ORDER BY id`).all(ids(found.invitationIds)) as Record<string, unknown>[]
  ).map((row) => ({
    id: row.id as number,
    invitationId: row.invitation_id as number,
    appointmentId: row.appointment_id as number,
    reason: row.reason as string,
    comment: (row.comment as string | null) ?? null,
    bookingFeeling: (row.booking_feeling as number | null) ?? null,
    submittedAt: isoRequired(row.submitted_at as number),
  }));
  const answerRows = client
    .prepare(
      `SELECT a.response_id, t.name AS touchpoint, a.feeling, a.comment, a.answered_at FROM answers a JOIN touchpoints t ON t.id = a.touchpoint_id
        WHERE a.response_id ${IN_IDS} ORDER BY a.response_id, t.position`,
    )
    .all(ids(found.responseIds)) as { response_id: number; touchpoint: string; feeling: number | null; comment: string | null; answered_at: number }[];
  const responses = (
    client
      .prepare(`SELECT r.*, j.name AS journey FROM responses r JOIN journeys j ON j.id = r.journey_id WHERE r.id ${IN_IDS} ORDER BY r.id`)
      .all(ids(found.responseIds)) as Record<string, unknown>[]
  ).map((row) => ({
    id: row.id as number,
    invitationId: row.invitation_id as number,
    journey: row.journey as string,
    grade: row.grade as number,
    effort: row.effort as number,
    segment: json<Record<string, string>>(row.segment as string, {}),
    channel: (row.channel as string | null) ?? null,
    submittedAt: isoRequired(row.submitted_at as number),
    answers: answerRows
      .filter((answer) => answer.response_id === row.id)
      .map((answer) => ({ touchpoint: answer.touchpoint, feeling: answer.feeling, comment: answer.comment, answeredAt: isoRequired(answer.answered_at) })),
  }));
  const panel = (
    client
      .prepare(`SELECT m.*, j.name AS journey FROM panel_members m LEFT JOIN journeys j ON j.id = m.journey_id WHERE m.id ${IN_IDS} ORDER BY m.id`)
      .all(ids(found.memberIds)) as Record<string, unknown>[]
  ).map((row) => {
    let contact: PanelContact | null = null;
    try {
      contact = readContact(deps, { contact: row.contact as string | null });
    } catch {
      contact = null;
    }
    return {
      id: row.id as number,
      status: row.status as string,
      journey: (row.journey as string | null) ?? '',
      contact,
      createdAt: isoRequired(row.created_at as number),
      confirmedAt: iso(row.confirmed_at as number | null),
      consentExpiresAt: iso(row.consent_expires_at as number | null),
      endedAt: iso(row.ended_at as number | null),
      consents: (
        client.prepare('SELECT event, at, by, text_version, text_hash FROM panel_consents WHERE member_id = ? ORDER BY at, id').all(row.id) as {
          event: string;
          at: number;
          by: string;
          text_version: string | null;
          text_hash: string | null;
        }[]
      ).map((consent) => ({ event: consent.event, at: isoRequired(consent.at), by: consent.by, textVersion: consent.text_version, textHash: consent.text_hash })),
      studies: (
        client
          .prepare('SELECT s.title, p.status, p.invited_at, p.answered_at FROM study_participants p JOIN studies s ON s.id = p.study_id WHERE p.member_id = ? ORDER BY p.invited_at, p.id')
          .all(row.id) as { title: string; status: string; invited_at: number; answered_at: number | null }[]
      ).map((study) => ({ study: study.title, status: study.status, invitedAt: isoRequired(study.invited_at), answeredAt: iso(study.answered_at) })),
    };
  });
  const events = (client.prepare(`SELECT id, type, received_at, payload FROM events WHERE id ${IN_IDS} ORDER BY id`).all(ids(found.eventIds)) as {
    id: number;
    type: string;
    received_at: number;
    payload: string;
  }[]).map((row) => ({ id: row.id, type: row.type, receivedAt: isoRequired(row.received_at), payload: json<unknown>(row.payload, null) }));

  return {
    address: found.address,
    invitations,
    mails,
    optOut: optOutRow ? { createdAt: isoRequired(optOutRow.created_at) } : null,
    appointments,
    noShowAnswers,
    responses,
    panel,
    events,
  };
}

export function summarise(data: SubjectData): SubjectSummary {
  const counts = {
    invitations: data.invitations.length,
    invitationsWithAddress: data.invitations.filter((invitation) => invitation.addressHeld).length,
    mails: data.mails.length,
    optedOut: data.optOut !== null,
    appointments: data.appointments.length,
    noShowAnswers: data.noShowAnswers.length,
    responses: data.responses.length,
    answers: data.responses.reduce((total, response) => total + response.answers.length, 0),
    panelMembers: data.panel.length,
    consents: data.panel.reduce((total, member) => total + member.consents.length, 0),
    events: data.events.length,
  };
  const total =
    counts.invitations + counts.mails + (counts.optedOut ? 1 : 0) + counts.appointments + counts.noShowAnswers + counts.responses + counts.answers + counts.panelMembers + counts.events;
  return { ...counts, total };
}

/** The JSON an admin hands to the citizen (art. 15): what is held, and what is not. */
export function subjectExport(db: Db, deps: SubjectDeps & { organisation: string }, email: string) {
  const data = findSubjectData(db, deps, email);
  return {
    format: 'meethuis-subject-export/1',
    organisation: deps.organisation,
    generatedAt: deps.clock.now().toISOString(),
    ...data,
    notes: [
      'Survey links and opt-out links are kept only as a one-way hash; they are not part of this export.',
      'Daily dashboard totals (counts and sums per day, without any link to a person) are anonymous and not included.',
      'Open-text answers were masked for personal data (e-mail addresses, phone numbers, BSN, IBAN) before they were stored.',
    ],
  };
}

export interface ErasureReport {
  invitationsAnonymised: number;
  mailsDeleted: number;
  responsesDeleted: number;
  answersDeleted: number;
  noShowAnswersDeleted: number;
  appointmentsAnonymised: number;
  panelMembersErased: number;
  eventsMinimised: number;
  /** Whether an opt-out (the keyed hash only) is kept for the address after this erasure. */
  optedOut: boolean;
}

/**
 * Erases everything held about the address, in one transaction. With `optOut` the address is
 * also opted out (only its keyed hash is kept, so no new surveys are sent); an opt-out that
 * existed before is always kept — it is what the citizen asked for.
 */
export function eraseSubject(db: Db, deps: SubjectDeps, email: string, options: { optOut: boolean }): ErasureReport {
  return db.transaction((tx) => {
    const found = find(db, deps, email);
    const client = db.$client;
    const now = deps.clock.now();
    const run = (sql: string, ...params: unknown[]) => client.prepare(sql).run(...params).changes;

    if (options.optOut) {
      client.prepare('INSERT INTO opt_outs (address_hash, created_at, invitation_id) VALUES (?, ?, NULL) ON CONFLICT DO NOTHING').run(found.hash, now.getTime());
    }
    // Panel: a running membership ends as a withdrawal (contact erased, queued mail cancelled, links void).
    let panelMembersErased = 0;
    for (const memberId of found.memberIds) {
      const status = client.prepare('SELECT status FROM panel_members WHERE id = ?').pluck().get(memberId) as string;
      if (status === 'pending' || status === 'active') endMembership(tx, deps, memberId, 'withdrawn', 'privacy-request');
      run('UPDATE panel_members SET contact = NULL, response_id = NULL WHERE id = ?', memberId);
      run('DELETE FROM panel_links WHERE member_id = ?', memberId);
      run('UPDATE panel_consents SET response_id = NULL WHERE member_id = ?', memberId);
      panelMembersErased++;
    }
    const mailsDeleted = run(`DELETE FROM outbox WHERE id ${IN_IDS}`, ids(found.mailIds));
    run(`UPDATE panel_members SET response_id = NULL WHERE response_id ${IN_IDS}`, ids(found.responseIds));
    const answersDeleted = run(`DELETE FROM answers WHERE response_id ${IN_IDS}`, ids(found.responseIds));
    const responsesDeleted = run(`DELETE FROM responses WHERE id ${IN_IDS}`, ids(found.responseIds));
    const noShowAnswersDeleted = run(`DELETE FROM no_show_responses WHERE invitation_id ${IN_IDS}`, ids(found.invitationIds));
    const invitationsAnonymised = run(
      `UPDATE invitations SET email = NULL, address_hash = '', case_reference = '', token_hash = NULL, segment = '{}' WHERE id ${IN_IDS}`,
      ids(found.invitationIds),
    );
    const appointmentsAnonymised = run(
      `UPDATE appointments SET address_hash = NULL, reference = 'verwijderd-' || id, segment = '{}' WHERE id ${IN_IDS}`,
      ids(found.appointmentIds),
    );
    const update = client.prepare('UPDATE events SET payload = ? WHERE id = ?');
    for (const event of client.prepare(`SELECT id, payload FROM events WHERE id ${IN_IDS}`).all(ids(found.eventIds)) as { id: number; payload: string }[]) {
      update.run(JSON.stringify(minimiseEventPayload(json<unknown>(event.payload, {}))), event.id);
    }
    const optedOut = Boolean(client.prepare('SELECT 1 FROM opt_outs WHERE address_hash = ?').get(found.hash));
    return {
      invitationsAnonymised,
      mailsDeleted,
      responsesDeleted,
      answersDeleted,
      noShowAnswersDeleted,
      appointmentsAnonymised,
      panelMembersErased,
      eventsMinimised: found.eventIds.length,
      optedOut,
    };
  });
}
