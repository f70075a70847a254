import { and, eq, isNotNull, like, or, sql } from 'drizzle-orm';
import type { Store } from '../db/client';
import { inList } from '../db/in-list';
import { apiKeys, appointments, callbackRequests, events, HOSTING_ORGANISATION_ID, invitations, noShowResponses, outbox, panelMembers, responses } from '../db/schema';
import { readCallbackContact } from '../callbacks/requests';
import { readContact, type PanelContact } from '../panel/panel';
import { addressHash, normaliseAddress } from '../tokens';

/**
 * Which rows a data-subject request is about. Found by the address itself (invitations not yet
 * closed, mails in the outbox, panel contact details after decryption) and by its keyed hash
 * (invitations, opt-outs, appointments); from there the responses of those invitations, the panel
 * members signed up from those responses, the call-back requests (by the keyed hash, their response,
 * or the e-mail address they hold), and the events that created the invitations.
 *
 * Always within one organisation (the hosting one unless named): an administrator handles the
 * requests about their own organisation's citizens and never finds another organisation's rows.
 */

/** Ids found by several queries, once each, in order (as SQL's UNION … ORDER BY gave them). */
const union = (...lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);
const idsOf = (rows: { id: number }[]) => rows.map((row) => row.id);

export interface SubjectRows {
  address: string;
  hash: string;
  invitationIds: number[];
  responseIds: number[];
  memberIds: number[];
  callbackIds: number[];
  mailIds: number[];
  appointmentIds: number[];
  eventIds: number[];
}

/** Decrypts each panel member's contact details that are still held; the address is only there. */
function membersByAddress(store: Store, dataKey: string, address: string, organisationId: number): number[] {
  const rows = store
    .select({ id: panelMembers.id, contact: panelMembers.contact })
    .from(panelMembers)
    .where(and(isNotNull(panelMembers.contact), eq(panelMembers.organisationId, organisationId)))
    .all();
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

/** Call-back requests whose (decrypted) contact details hold the address: one typed in other than the invitation's. */
function callbacksByAddress(store: Store, dataKey: string, address: string, organisationId: number): number[] {
  const rows = store
    .select({ id: callbackRequests.id, contact: callbackRequests.contact })
    .from(callbackRequests)
    .where(and(isNotNull(callbackRequests.contact), eq(callbackRequests.organisationId, organisationId)))
    .all();
  return rows.flatMap((row) => {
    try {
      const email = readCallbackContact({ dataKey }, row)?.email;
      return email && normaliseAddress(email) === address ? [row.id] : [];
    } catch {
      // Encrypted with another key (a restored backup): not ours to read, nor to match.
      return [];
    }
  });
}

/** `lower(trim(column)) = address`: how an address written by hand is matched. */
const sameAddress = (column: typeof invitations.email | typeof outbox.toAddress, address: string) => sql`lower(trim(${column})) = ${address}`;

export function findSubject(store: Store, deps: { addressHashKey: string; dataKey: string; organisationId?: number }, email: string): SubjectRows {
  const address = normaliseAddress(email);
  const hash = addressHash(deps.addressHashKey, address);
  const organisationId = deps.organisationId ?? HOSTING_ORGANISATION_ID;
  const invitationIds = idsOf(
    store
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.organisationId, organisationId),
          or(eq(invitations.addressHash, hash), and(isNotNull(invitations.email), sameAddress(invitations.email, address))),
        ),
      )
      .orderBy(invitations.id)
      .all(),
  );
  const responseIds = idsOf(store.select({ id: responses.id }).from(responses).where(inList(responses.invitationId, invitationIds)).orderBy(responses.id).all());
  const memberIds = union(
    idsOf(
      store
        .select({ id: panelMembers.id })
        .from(panelMembers)
        .where(and(inList(panelMembers.responseId, responseIds), eq(panelMembers.organisationId, organisationId)))
        .all(),
    ),
    membersByAddress(store, deps.dataKey, address, organisationId),
  );
  const callbackIds = union(
    idsOf(
      store
        .select({ id: callbackRequests.id })
        .from(callbackRequests)
        .where(and(eq(callbackRequests.organisationId, organisationId), or(eq(callbackRequests.addressHash, hash), inList(callbackRequests.responseId, responseIds))))
        .all(),
    ),
    callbacksByAddress(store, deps.dataKey, address, organisationId),
  );
  const mailIds = idsOf(
    store
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.organisationId, organisationId),
          or(sameAddress(outbox.toAddress, address), inList(outbox.invitationId, invitationIds), inList(outbox.panelMemberId, memberIds)),
        ),
      )
      .orderBy(outbox.id)
      .all(),
  );
  const appointmentIds = union(
    idsOf(
      store
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.addressHash, hash), eq(appointments.organisationId, organisationId)))
        .all(),
    ),
    store
      .select({ id: invitations.appointmentId })
      .from(invitations)
      .where(and(inList(invitations.id, invitationIds), isNotNull(invitations.appointmentId)))
      .all()
      .flatMap((row) => (row.id === null ? [] : [row.id])),
    store
      .select({ id: noShowResponses.appointmentId })
      .from(noShowResponses)
      .where(inList(noShowResponses.invitationId, invitationIds))
      .all()
      .map((row) => row.id),
  );
  // The events that created those invitations, and every event about those appointments (booked, attended …).
  const eventIds = union(
    idsOf(store.select({ id: events.id }).from(events).where(inList(events.invitationId, invitationIds)).all()),
    idsOf(
      store
        .select({ id: events.id })
        .from(events)
        .innerJoin(appointments, eq(appointments.reference, sql`json_extract(${events.payload}, '$.appointment.reference')`))
        // References are unique per organisation: only the events of this organisation's keys.
        .innerJoin(apiKeys, and(eq(apiKeys.id, events.apiKeyId), eq(apiKeys.organisationId, appointments.organisationId)))
        .where(and(inList(appointments.id, appointmentIds), like(events.type, 'appointment.%')))
        .all(),
    ),
  );
  return { address, hash, invitationIds, responseIds, memberIds, callbackIds, mailIds, appointmentIds, eventIds };
}

