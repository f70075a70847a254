import { createApiKey } from '../../src/api-keys/api-keys';
import { createApp } from '../../src/app';
import { addDays, type Clock } from '../../src/clock';
import { loadConfig, type Config } from '../../src/config';
import { openDb, type Db } from '../../src/db/client';
import { syncHostingOrganisation } from '../../src/organisations/organisations';
import { loadDemoJourneysIfEmpty } from '../../src/journeys/demo-journeys';
import type { MailTemplates } from '../../src/mail-templates';
import { mailTemplates } from '../../views/mail';

/** A clock tests can move forward. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-20T15:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advanceDays(days: number) {
    this.current = addDays(this.current, days);
  }
  advanceMs(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestContext {
  db: Db;
  config: Config;
  clock: TestClock;
  app: ReturnType<typeof createApp>;
  apiKey: string;
  addressHashKey: string;
  /** The real mail templates, as the composition roots pass them (the outbox worker renders reminders with them). */
  mail: MailTemplates;
  /** POSTs an event to the app in-process; the body may be an object or raw text. */
  postEvent(body: unknown, init?: { key?: string | null; contentType?: string }): Promise<Response>;
}

/** A fresh in-memory database (or the file in env.DATABASE_PATH) with the real migrations and demo journeys, and the real app. */
export function createTestContext(env: Record<string, string> = {}): TestContext {
  const config = loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: 'http://meethuis.test', ...env });
  const db = openDb(config.DATABASE_PATH);
  syncHostingOrganisation(db, config);
  const clock = new TestClock();
  loadDemoJourneysIfEmpty(db, clock);
  const addressHashKey = 'test-address-hash-key-with-enough-length';
  const { key } = createApiKey(db, 'test', clock);
  const app = createApp({ db, config, clock, addressHashKey, dataKey: TEST_DATA_KEY, mailbox: !config.SMTP_URL });
  return {
    db,
    config,
    clock,
    app,
    apiKey: key,
    addressHashKey,
    mail: mailTemplates,
    postEvent(body, init = {}) {
      const headers: Record<string, string> = { 'Content-Type': init.contentType ?? 'application/json' };
      const key = init.key === undefined ? this.apiKey : init.key;
      if (key !== null) headers.Authorization = `Bearer ${key}`;
      return Promise.resolve(
        app.request('/api/v1/events', {
          method: 'POST',
          headers,
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
    },
  };
}

let counter = 0;

export const TEST_DATA_KEY = 'test-data-key-with-at-least-32-characters';

/** The contract's example event, with a fresh id (and overrides merged shallowly per section). */
export function caseClosedEvent(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    id: `evt-${Date.now()}-${counter}`,
    type: 'case.closed',
    occurredAt: '2026-11-20T14:03:00Z',
    case: { reference: `Z-2026-${String(counter).padStart(6, '0')}`, caseType: 'paspoort-aanvragen', openedAt: '2026-11-01T09:00:00Z', channel: 'balie' },
    citizen: { email: `burger${counter}@example.nl`, language: 'nl' },
    segment: { ageBand: '65+', district: 'Woensel' },
    touchpoints: ['afspraak-maken', 'balie', 'ophalen'],
    ...overrides,
  };
}

/** Row counts of every table that an event or a submission writes: to prove "nothing stored". */
export function tableCounts(db: Db): Record<string, number> {
  const tables = ['events', 'invitations', 'outbox', 'responses', 'answers', 'opt_outs'];
  return Object.fromEntries(
    tables.map((table) => [table, (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}
