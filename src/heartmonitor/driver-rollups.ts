import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { addPairwise, decodePairwise, encodePairwise, responseMoments } from './pairwise-moments';

// One upsert per segment pair: SQLite adds the response's moments to the stored blob itself,
// through this function, so there is no read before the write.
const ADD_FUNCTION = 'meethuis_add_pairwise';

const statements = new WeakMap<Db['$client'], Database.Statement<unknown[]>>();

function prepared(client: Db['$client']) {
  let upsert = statements.get(client);
  if (!upsert) {
    client.function(ADD_FUNCTION, { deterministic: true }, (stored, added) =>
      encodePairwise(addPairwise(decodePairwise(stored as Buffer), decodePairwise(added as Buffer))),
    );
    upsert = client.prepare(
      `INSERT INTO driver_rollups (journey_id, segment_key, segment_value, day, channel, moments) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET moments = ${ADD_FUNCTION}(moments, excluded.moments)`,
    );
    statements.set(client, upsert);
  }
  return upsert;
}

export interface DriverRollupResponse {
  journeyId: number;
  day: string;
  channel: string;
  /** The segment pairs it counts under (everyone first). */
  pairs: [string, string][];
  grade: number;
  answers: { touchpointId: number; feeling: number | null }[];
}

/** Adds one response's pairwise moments to the driver roll-ups; part of addToRollups' transaction. */
export function addToDriverRollups(db: Pick<Db, '$client'>, response: DriverRollupResponse): void {
  const upsert = prepared(db.$client);
  const moments = encodePairwise(
    responseMoments(
      response.grade,
      response.answers.map((answer) => ({ id: answer.touchpointId, value: answer.feeling })),
    ),
  );
  for (const [key, value] of response.pairs) upsert.run(response.journeyId, key, value, response.day, response.channel, moments);
}
