/**
 * The migration that moves touchpoints.question_en into touchpoint_questions: a database migrated
 * up to the migration before it, with English questions stored the old way, is migrated forward
 * with the real applyMigrations; the English questions survive as language 'en', touchpoints keep
 * their ids, and the old column is gone.
 */
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/client';
import { questionsOf } from '../../src/journeys/touchpoint-questions';
import { migratedUpToBefore } from '../helpers/migrations';

describe('migration to touchpoint_questions', () => {
  it('keeps every English question as language "en" and drops question_en', () => {
    const { sqlite, db } = migratedUpToBefore('CREATE TABLE `touchpoint_questions`');

    // The old shape: the English question in a column of touchpoints.
    sqlite.prepare("INSERT INTO journeys (id, slug, name, type) VALUES (7, 'paspoort', 'Paspoort', 'feitelijk')").run();
    const insert = sqlite.prepare(
      'INSERT INTO touchpoints (id, journey_id, slug, name, channel, position, question, question_en) VALUES (?, 7, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(31, 'afspraak', 'Afspraak maken', 'web', 0, 'Hoe ging de afspraak?', 'How did making the appointment feel?');
    insert.run(32, 'balie', 'Balie', 'balie', 1, null, null);
    insert.run(33, 'ophalen', 'Ophalen', 'balie', 2, null, 'How did collecting feel?');
    insert.run(34, 'leeg', 'Leeg', 'post', 3, null, '   ');

    applyMigrations(db);

    expect(questionsOf(db, [31, 32, 33, 34])).toEqual(
      new Map([
        [31, { en: 'How did making the appointment feel?' }],
        [32, {}],
        [33, { en: 'How did collecting feel?' }],
        [34, {}],
      ]),
    );
    // Same touchpoints, same ids, Dutch question untouched; the old column is gone.
    expect(sqlite.prepare('SELECT id, slug, question FROM touchpoints ORDER BY id').all()).toEqual([
      { id: 31, slug: 'afspraak', question: 'Hoe ging de afspraak?' },
      { id: 32, slug: 'balie', question: null },
      { id: 33, slug: 'ophalen', question: null },
      { id: 34, slug: 'leeg', question: null },
    ]);
    const columns = (sqlite.prepare("SELECT name FROM pragma_table_info('touchpoints')").all() as { name: string }[]).map((column) => column.name);
    expect(columns).not.toContain('question_en');
    // The questions go with their touchpoint.
    sqlite.prepare('DELETE FROM touchpoints WHERE id = 31').run();
    expect(sqlite.prepare('SELECT count(*) AS n FROM touchpoint_questions').get()).toEqual({ n: 1 });
    sqlite.close();
  });
});
