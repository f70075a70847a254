import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDb, type Db } from '../src/db/client';
import { journeyDefinitionSchema } from '../src/journeys/definition';
import { countMailbox } from '../src/mail/mailbox';
import { loadSecrets } from '../src/secrets';
import { spawnCli } from './helpers/cli';
import { caseClosedEvent, TestClock } from './helpers/test-context';

// The CLI as an operator runs it: a separate process on a database file. Each spawn costs about
// a second, so the tests share one database and run in order.

let dir: string;
let databasePath: string;
let apiKey: string;

const cli = (...args: string[]) => spawnCli(databasePath, args);

/** Opens the CLI's database file in this process, with the real app on top of it. */
function withApp<T>(run: (db: Db, app: ReturnType<typeof createApp>) => Promise<T>): Promise<T> {
  const config = loadConfig({ DATABASE_PATH: databasePath, PUBLIC_URL: 'http://meethuis.test' });
  const db = openDb(databasePath);
  const app = createApp({
    db,
    config,
    clock: new TestClock(),
    addressHashKey: loadSecrets(databasePath, {}).addressHashKey,
    dataKey: 'test-data-key-with-at-least-32-characters',
    mailbox: true,
  });
  return run(db, app).finally(() => db.$client.close());
}

function postEvent(app: ReturnType<typeof createApp>, key: string, body: unknown) {
  return app.request('/api/v1/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.$client.prepare(sql).get(...params) as { n: number }).n;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-cli-'));
  databasePath = join(dir, 'data', 'meethuis.db');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI', () => {
  it('api-key create --name prints a working key as the last line, and stores only its hash', async () => {
    const result = await cli('api-key', 'create', '--name', 'zaaksysteem');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    apiKey = lines.at(-1)!.trim();
    expect(apiKey).toMatch(/^mh_[A-Za-z0-9_-]{40,}$/);
    expect(result.stderr).not.toContain(apiKey);

    await withApp(async (db, app) => {
      const rows = db.$client.prepare('SELECT * FROM api_keys').all() as Record<string, unknown>[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ name: 'zaaksysteem', key_hash: createHash('sha256').update(apiKey).digest('hex'), revoked_at: null });
      for (const [column, value] of Object.entries(rows[0]!)) expect(String(value), `api_keys.${column}`).not.toContain(apiKey);

      const response = await postEvent(app, apiKey, caseClosedEvent());
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ status: 'accepted' });
      expect((await postEvent(app, `${apiKey.slice(0, -1)}x`, caseClosedEvent())).status).toBe(401);
    });
  });

  it('api-key create without --name exits 2 with a message and creates nothing', async () => {
    const result = await cli('api-key', 'create');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name');
    expect(result.stdout).not.toMatch(/mh_/);
    await withApp(async (db) => expect(count(db, 'SELECT count(*) AS n FROM api_keys')).toBe(1));
  });

  it('journey export prints the demo journey as valid JSON, touchpoints in order', async () => {
    const result = await cli('journey', 'export', 'paspoort-aanvragen');
    expect(result.code, result.stderr).toBe(0);
    const exported: unknown = JSON.parse(result.stdout);
    const parsed = journeyDefinitionSchema.safeParse(exported);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.slug).toBe('paspoort-aanvragen');
    expect(parsed.data!.touchpoints.map((touchpoint) => touchpoint.slug)).toEqual(['afspraak-maken', 'balie', 'ophalen']);
    expect([...parsed.data!.caseTypes].sort()).toEqual(['id-kaart-aanvragen', 'paspoort-aanvragen']);
  });

  it('journey import of an invalid file exits 2, listing the field paths, and stores nothing', async () => {
    const file = join(dir, 'ongeldig.json');
    writeFileSync(
      file,
      JSON.stringify({
        slug: 'Fout Slug',
        name: 'Ongeldig',
        type: 'transactioneel',
        caseTypes: ['ongeldig'],
        touchpoints: [
          { slug: 'stap-een', name: 'Stap een', channel: 'fax' },
          { slug: 'stap-twee', name: '', channel: 'web' },
        ],
      }),
    );
    const result = await cli('journey', 'import', file);
    expect(result.code).toBe(2);
    for (const path of ['slug', 'touchpoints.0.channel', 'touchpoints.1.name']) {
      expect(result.stderr).toMatch(new RegExp(`^\\s*${path.replace(/\./g, '\\.')}: \\S`, 'm'));
    }
    await withApp(async (db) => {
      expect(count(db, `SELECT count(*) AS n FROM journey_case_types WHERE case_type = 'ongeldig'`)).toBe(0);
      expect(count(db, 'SELECT count(*) AS n FROM journeys')).toBe(3);
    });
  });

  it('journey import of a valid new journey makes its case type accepted by the event API', async () => {
    const file = join(dir, 'afvalpas.json');
    writeFileSync(
      file,
      JSON.stringify({
        slug: 'afvalpas-aanvragen',
        name: 'Afvalpas aanvragen',
        type: 'transactioneel',
        caseTypes: ['afvalpas'],
        touchpoints: [
          // An older file: the English question as questionEn.
          { slug: 'aanvragen', name: 'Aanvraag indienen', channel: 'web', questionEn: 'How was applying?' },
          { slug: 'ontvangen', name: 'Pas ontvangen', channel: 'post', questions: { TR: 'Kartı almak nasıldı?', en: 'How was receiving the card?' } },
        ],
      }),
    );
    const event = caseClosedEvent({ case: { reference: 'Z-AFVAL-1', caseType: 'afvalpas' }, touchpoints: undefined });
    await withApp(async (_db, app) => expect((await postEvent(app, apiKey, event)).status).toBe(422));

    const result = await cli('journey', 'import', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('afvalpas-aanvragen');

    await withApp(async (db, app) => {
      const response = await postEvent(app, apiKey, event);
      expect(response.status).toBe(202);
      const body = (await response.json()) as { status: string; invitationId: number };
      expect(body.status).toBe('accepted');
      const row = db.$client
        .prepare('SELECT j.slug, i.touchpoint_ids FROM invitations i JOIN journeys j ON j.id = i.journey_id WHERE i.id = ?')
        .get(body.invitationId) as { slug: string; touchpoint_ids: string };
      expect(row.slug).toBe('afvalpas-aanvragen');
      expect(JSON.parse(row.touchpoint_ids)).toHaveLength(2);
    });
  });

  it('journey export writes the questions per language of the imported journey (questionEn as "en")', async () => {
    const result = await cli('journey', 'export', 'afvalpas-aanvragen');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('questionEn');
    const exported = JSON.parse(result.stdout) as { touchpoints: { questions?: Record<string, string> }[] };
    expect(exported.touchpoints.map((touchpoint) => touchpoint.questions)).toEqual([
      { en: 'How was applying?' },
      { en: 'How was receiving the card?', tr: 'Kartı almak nasıldı?' },
    ]);
  });

  it('journey import refusing a case type of another journey exits 2 naming it', async () => {
    const file = join(dir, 'dubbel.json');
    writeFileSync(
      file,
      JSON.stringify({
        slug: 'reisdocumenten',
        name: 'Reisdocumenten',
        type: 'transactioneel',
        caseTypes: ['paspoort-aanvragen'],
        touchpoints: [{ slug: 'aanvragen', name: 'Aanvragen', channel: 'balie' }],
      }),
    );
    const result = await cli('journey', 'import', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('paspoort-aanvragen');
    await withApp(async (db) => expect(count(db, `SELECT count(*) AS n FROM journeys WHERE slug = 'reisdocumenten'`)).toBe(0));
  });

  it('demo run twice on one database: both exit 0 without a stack trace, the second adds a history of its own', async () => {
    const mailboxBefore = await withApp(async (db) => countMailbox(db));
    const first = await cli('demo', '--days', '10', '--responses', '150');
    expect(first.code, first.stderr).toBe(0);
    const appointments = await withApp(async (db) => count(db, 'SELECT count(*) AS n FROM appointments'));
    expect(appointments).toBeGreaterThan(0);
    const second = await cli('demo', '--days', '10', '--responses', '150');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(second.stdout).toContain('Consent panel: it had members already, none added.');
    await withApp(async (db) => {
      expect(count(db, 'SELECT count(*) AS n FROM appointments')).toBe(2 * appointments);
      expect(count(db, "SELECT count(*) AS n FROM appointments WHERE reference LIKE 'DEMO-2026-r2-%'")).toBe(appointments);
      // The story's mails are history, not mail for the embedded mailbox.
      expect(count(db, 'SELECT count(*) AS n FROM outbox')).toBeGreaterThan(100);
      expect(countMailbox(db)).toBe(mailboxBefore);
    });
  }, 120_000);
});
