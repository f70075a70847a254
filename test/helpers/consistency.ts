import type Database from 'better-sqlite3';

const rows = <T>(sqlite: Database.Database, sql: string) => sqlite.prepare(sql).all() as T[];

/**
 * "Nothing half-written": every rule that one transaction is supposed to keep together, checked
 * over a whole database file. Returns the problems found (empty when consistent).
 */
export function consistencyProblems(sqlite: Database.Database): string[] {
  const problems: string[] = [];
  const integrity = sqlite.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length) problems.push(`foreign_key_check: ${foreignKeys.length} violation(s)`);

  const checks: [string, string][] = [
    ['accepted event without its invitation', `SELECT e.event_id AS id FROM events e LEFT JOIN invitations i ON i.id = e.invitation_id WHERE e.outcome = 'accepted' AND (i.id IS NULL OR i.status = 'suppressed')`],
    [
      'invitation without exactly one invitation mail',
      `SELECT i.id FROM invitations i WHERE i.status != 'suppressed' AND (SELECT count(*) FROM outbox o WHERE o.invitation_id = i.id AND o.kind = 'invitation') != 1`,
    ],
    ['invitation without its reminder', `SELECT i.id FROM invitations i WHERE i.status != 'suppressed' AND (SELECT count(*) FROM outbox o WHERE o.invitation_id = i.id AND o.kind = 'reminder') != 1`],
    ['invitation without its event', `SELECT i.id FROM invitations i WHERE i.kind = 'journey' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.invitation_id = i.id)`],
    [
      'response without all its answers',
      `SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE (SELECT count(*) FROM answers a WHERE a.response_id = r.id) != json_array_length(i.touchpoint_ids)`,
    ],
    ['answered invitation without its response', `SELECT i.id FROM invitations i WHERE i.status = 'answered' AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.invitation_id = i.id)`],
    ['response to an invitation not marked answered', `SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.status != 'answered' OR i.email IS NOT NULL`],
    ['reminder still queued for an answered invitation', `SELECT o.id FROM outbox o JOIN invitations i ON i.id = o.invitation_id WHERE o.kind = 'reminder' AND o.status = 'queued' AND i.status = 'answered'`],
    ['outbox row in an unknown state', `SELECT id FROM outbox WHERE status NOT IN ('queued', 'sent', 'failed', 'cancelled')`],
    ['sent mail without its sending time', `SELECT id FROM outbox WHERE status = 'sent' AND sent_at IS NULL`],
    // The token a reminder is rendered from goes when it is sent or its address is erased, as the bodies do.
    ['link token kept after sending or erasure', `SELECT id FROM outbox WHERE link_token IS NOT NULL AND (status = 'sent' OR to_address = '')`],
    // List-Unsubscribe carries the personal link: it goes with the bodies.
    ['personal link kept in the headers after its bodies were erased', `SELECT id FROM outbox WHERE text_body IS NULL AND link_token IS NULL AND headers LIKE '%/afmelden/%'`],
    ['survey mail neither rendered nor renderable', `SELECT id FROM outbox WHERE kind IN ('invitation', 'reminder') AND status = 'queued' AND text_body IS NULL AND link_token IS NULL AND to_address != ''`],
  ];
  for (const [rule, sql] of checks) {
    const found = rows<{ id: unknown }>(sqlite, sql);
    if (found.length) problems.push(`${rule}: ${found.length} (e.g. ${found.slice(0, 5).map((row) => String(row.id)).join(', ')})`);
  }
  return problems;
}

export function countOf(sqlite: Database.Database, sql: string, ...params: unknown[]): number {
  return (sqlite.prepare(sql).get(...params) as { n: number }).n;
}
