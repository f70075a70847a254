/**
 * The item bank's migration: a database migrated up to the migration before it, with a contact
 * journey (every active step a contact channel), a journey with a web step and one without steps,
 * is migrated forward with the real applyMigrations. Only the contact journey asks "Is uw vraag
 * beantwoord?" afterwards, once, at journey level; old invitations have no items.
 */
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/client';
import { migratedUpToBefore } from '../helpers/migrations';

describe('migration to the item bank', () => {
  it('turns "Is uw vraag beantwoord?" on for contact journeys only', () => {
    const { sqlite, db } = migratedUpToBefore('CREATE TABLE `journey_items`');

    const journey = sqlite.prepare("INSERT INTO journeys (id, slug, name, type) VALUES (?, ?, ?, 'transactioneel')");
    journey.run(1, 'vraag-kcc', 'Een vraag aan het KCC');
    journey.run(2, 'paspoort', 'Paspoort');
    journey.run(3, 'leeg', 'Nog zonder stappen');
    const step = sqlite.prepare('INSERT INTO touchpoints (journey_id, slug, name, channel, position, archived_at) VALUES (?, ?, ?, ?, ?, ?)');
    step.run(1, 'bellen', 'Bellen', 'telefoon', 0, null);
    step.run(1, 'mail', 'Antwoord per mail', 'e-mail', 1, null);
    // An archived web step does not count: the journey as it is asked now is contact only.
    step.run(1, 'formulier', 'Oud formulier', 'web', 2, 1_700_000_000_000);
    step.run(2, 'afspraak', 'Afspraak maken', 'web', 0, null);
    step.run(2, 'balie', 'Balie', 'balie', 1, null);

    applyMigrations(db);

    expect(sqlite.prepare('SELECT journey_id AS journeyId, item_code AS code, touchpoint_id AS touchpointId, removed_at AS removedAt FROM journey_items').all()).toEqual([
      { journeyId: 1, code: 'MH-BEANTWOORD', touchpointId: null, removedAt: null },
    ]);
    expect(sqlite.prepare('SELECT public_results AS publicResults FROM journeys ORDER BY id').all()).toEqual([{ publicResults: 0 }, { publicResults: 0 }, { publicResults: 0 }]);
  });
});
