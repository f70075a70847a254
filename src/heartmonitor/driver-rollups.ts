import { statementsPerConnection } from '../db/prepared';
import { addPairwise, decodePairwise, encodePairwise } from './pairwise-moments';
import type { DriverRollupRow } from './rollup-sums';

// One upsert per roll-up row: SQLite adds the new moments to the stored blob itself, through
// this function, so there is no read before the write.
const ADD_FUNCTION = 'meethuis_add_pairwise';

const upsertFor = statementsPerConnection((client) => {
  client.function(ADD_FUNCTION, { deterministic: true }, (stored, added) =>
    encodePairwise(addPairwise(decodePairwise(stored as Buffer), decodePairwise(added as Buffer))),
  );
  return client.prepare(
    `INSERT INTO driver_rollups (journey_id, segment_key, segment_value, day, channel, moments) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET moments = ${ADD_FUNCTION}(moments, excluded.moments)`,
  );
});

/** Adds summed pairwise moments to the driver roll-ups; part of the roll-ups' transaction. */
export function writeDriverRollups(sqlite: Parameters<typeof upsertFor>[0], rows: readonly DriverRollupRow[]): void {
  const upsert = upsertFor(sqlite);
  for (const row of rows) upsert.run(row.journeyId, row.segmentKey, row.segmentValue, row.day, row.channel, encodePairwise(row.moments));
}
