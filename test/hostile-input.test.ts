/**
 * Hostile input (issue 10): property-based tests with fast-check against the event API, the
 * survey form, the login form and the CSV import of appointments. Random, oversized, malformed,
 * wrongly typed and unicode-heavy input (lone surrogates, NUL, right-to-left marks, emoji) must
 * never give a 500 or an unhandled exception, must always get a clear answer (problem details,
 * or the form again with an error per field), and must never store anything half: a rejected
 * input stores nothing, an accepted one stores everything.
 *
 * Runs are kept modest (the whole file takes about half a minute); a failing case is printed
 * with its seed, so `fc.assert(…, { seed, path })` replays it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/db/client';
import { MAX_EVENT_BYTES } from '../src/events/routes';
import { CsvFormatError, importAppointmentCsv, readAppointmentFile, validateAppointmentFile, type ImportResult } from '../src/noshows/csv-import';
import { allowAdminsWithoutSecondFactor, createStaff, login, STAFF_PASSWORD } from './helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from './helpers/test-context';
import { surveyPathOf } from './helpers/survey-link';

// ── Shared pieces ────────────────────────────────────────────────────────────────────────────

/** Row counts of every table: "nothing stored" means none of them changed. */
function countAll(db: Db): Record<string, number> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((table) => [table, db.$client.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
}

const without = (counts: Record<string, number>, ...tables: string[]) =>
  Object.fromEntries(Object.entries(counts).filter(([table]) => !tables.includes(table)));

/** Strings that have broken parsers, databases and renderers before. */
const nasty = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202e', // right-to-left override
  '\u200f', // right-to-left mark
  '\u200e',
  '\ufeff', // byte-order mark
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'x\ud83d', // emoji cut in half
  '😀',
  '👩‍👩‍👧‍👦',
  'ﷺ',
  'Z̴̡̛a̷l̶g̸o̵',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE answers; --',
  '%00',
  '%',
  '%E0%A4%A',
  '../../etc/passwd',
  '\r\n',
  '\t',
  'null',
  'true',
  '１２', // full-width digits
  '١', // Arabic-Indic digit one
  'NaN',
  '-0',
  '1e3',
  '0x10',
  ' 7 ',
  '9'.repeat(30),
  '__proto__',
  'constructor',
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nasty),
  fc.array(fc.constantFrom(...nasty), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** A long run of one (multi-byte, control or surrogate) character: around and above the body limits. */
const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'é', '😀', '\u0000', '\ud800', '\u202e'), fc.integer({ min: 1_000, max: 90_000 }))
  .map(([char, length]) => char.repeat(Math.ceil(length / char.length)));

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
);

let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}`;

// ── The event API ────────────────────────────────────────────────────────────────────────────

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  errors?: { field: string; message: string }[];
}

type SentEvent = { type?: unknown; id?: unknown; appointment?: { reference?: unknown } } | undefined;

/**
 * The properties of every answer of the event API: a known status, problem details with a
 * title for every refusal and nothing stored then, and for a 202 everything the outcome names.
 */
async function checkEventAnswer(ctx: TestContext, before: Record<string, number>, response: Response, sent: SentEvent) {
  expect([202, 400, 413, 415, 422]).toContain(response.status);
  const after = countAll(ctx.db);
  if (response.status !== 202) {
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as ProblemBody;
    expect(body.status).toBe(response.status);
    expect(body.title.length).toBeGreaterThan(0);
    if (response.status === 400 && body.title === 'Invalid event') {
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors!) expect(error.message.length).toBeGreaterThan(0);
    }
    expect(after).toEqual(before);
    return;
  }
  const body = (await response.json()) as { eventId: string; status: string; invitationId?: number; reason?: string };
  const delta = (table: string) => after[table]! - before[table]!;
  if (body.status === 'duplicate') {
    expect(after).toEqual(before);
    return;
  }
  // Stored: the event record itself, under the id as sent.
  expect(delta('events')).toBe(1);
  const stored = ctx.db.$client.prepare('SELECT event_id, invitation_id, outcome FROM events ORDER BY id DESC LIMIT 1').get() as {
    event_id: string;
    invitation_id: number | null;
    outcome: string;
  };
  expect(stored.event_id).toBe(typeof sent?.id === 'string' ? sent.id.trim() : body.eventId);
  if (sent?.type === 'case.closed') {
    expect(delta('invitations')).toBe(1);
    expect(stored.invitation_id).toBe(body.invitationId ?? stored.invitation_id);
    // The segment as sent (trimmed), every key of it.
    const sentSegment = (sent as { segment?: Record<string, string> }).segment ?? {};
    const segment = ctx.db.$client.prepare('SELECT segment FROM invitations WHERE id = ?').pluck().get(stored.invitation_id) as string;
    // (zod leaves out a key "__proto__", as it leaves out every key the schema does not know.)
    const expected = Object.entries(sentSegment).filter(([key]) => key.trim() !== '__proto__');
    expect(JSON.parse(segment)).toEqual(Object.fromEntries(expected.map(([key, value]) => [key.trim(), value.trim()])));
    if (body.status === 'accepted') {
      // The invitation and its reminder, both for this invitation.
      expect(delta('outbox')).toBe(2);
      const mails = ctx.db.$client.prepare('SELECT count(*) FROM outbox WHERE invitation_id = ?').pluck().get(body.invitationId) as number;
      expect(mails).toBe(2);
    } else {
      expect(body.status).toBe('suppressed');
      expect(delta('outbox')).toBe(0);
    }
  } else {
    expect(body.status).toBe('accepted');
    const reference = String(sent?.appointment?.reference ?? '').trim();
    expect(ctx.db.$client.prepare('SELECT count(*) FROM appointments WHERE reference = ?').pluck().get(reference)).toBe(1);
  }
}

/** Where a mutation of a valid event lands: an existing field, a nested one, or a new one. */
const caseClosedPaths = [
  ['id'],
  ['type'],
  ['occurredAt'],
  ['case'],
  ['case', 'reference'],
  ['case', 'caseType'],
  ['case', 'openedAt'],
  ['case', 'channel'],
  ['citizen'],
  ['citizen', 'email'],
  ['citizen', 'language'],
  ['segment'],
  ['segment', 'wijk'],
  ['touchpoints'],
  ['touchpoints', '0'],
  ['extra'],
] as const;
const appointmentPaths = [
  ['id'],
  ['type'],
  ['occurredAt'],
  ['appointment'],
  ['appointment', 'reference'],
  ['appointment', 'product'],
  ['appointment', 'location'],
  ['appointment', 'channel'],
  ['appointment', 'bookedAt'],
  ['appointment', 'startsAt'],
  ['appointment', 'reminderSentAt'],
  ['citizen'],
  ['citizen', 'email'],
  ['segment'],
] as const;

type Mutation = { path: readonly string[]; op: 'delete' } | { path: readonly string[]; op: 'set'; value: unknown };

const mutationOf = (paths: readonly (readonly string[])[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ path: fc.constantFrom(...paths), op: fc.constant('delete' as const) }),
    fc.record({ path: fc.constantFrom(...paths), op: fc.constant('set' as const), value: anyJson }),
    fc.record({ path: fc.constantFrom(...paths), op: fc.constant('set' as const), value: hugeString.map((s) => s.slice(0, 5_000)) }),
  );

function mutate(event: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const copy = structuredClone(event);
  for (const mutation of mutations) {
    let target: Record<string, unknown> = copy;
    for (const key of mutation.path.slice(0, -1)) {
      const next = target[key];
      if (next === null || typeof next !== 'object') break;
      target = next as Record<string, unknown>;
    }
    const last = mutation.path[mutation.path.length - 1]!;
    if (mutation.op === 'delete') delete target[last];
    else target[last] = mutation.value;
  }
  return copy;
}

const appointmentEvent = () => ({
  id: fresh('apt-evt'),
  type: 'appointment.booked',
  occurredAt: '2026-11-10T09:00:00Z',
  appointment: {
    reference: fresh('A'),
    product: 'paspoort',
    location: 'Stadskantoor',
    channel: 'web',
    bookedAt: '2026-11-10T09:00:00Z',
    startsAt: '2026-11-25T10:00:00Z',
  },
  citizen: { email: `${fresh('afspraak')}@example.nl` },
  segment: { wijk: 'Centrum' },
});

describe('the event API under hostile input', () => {
  let ctx: TestContext;
  beforeAll(() => {
    ctx = createTestContext();
  });

  it('answers any JSON value with a clear 4xx and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), anyJson), async (value) => {
        const before = countAll(ctx.db);
        const response = await ctx.postEvent(JSON.stringify(value));
        await checkEventAnswer(ctx, before, response, value as SentEvent);
      }),
      { numRuns: 60 },
    );
  });

  it('validates every field of a case.closed event: a mutated event is stored completely or not at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationOf(caseClosedPaths), { minLength: 1, maxLength: 3 }), async (mutations) => {
        const event = mutate({ ...caseClosedEvent(), id: fresh('evt'), citizen: { email: `${fresh('burger')}@example.nl` } }, mutations);
        const before = countAll(ctx.db);
        const response = await ctx.postEvent(event);
        await checkEventAnswer(ctx, before, response, event as SentEvent);
      }),
      { numRuns: 120 },
    );
  });

  it('validates every field of an appointment event in the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationOf(appointmentPaths), { minLength: 1, maxLength: 3 }), async (mutations) => {
        const event = mutate(appointmentEvent(), mutations);
        const before = countAll(ctx.db);
        const response = await ctx.postEvent(event);
        await checkEventAnswer(ctx, before, response, event as SentEvent);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses raw garbage, truncated JSON, deep nesting and oversized bodies with 400 or 413', async () => {
    const valid = JSON.stringify(caseClosedEvent());
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer({ min: 0, max: valid.length - 1 }).map((end) => valid.slice(0, end)),
      fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) =>
        open === '[' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${open.repeat(depth)}1${'}'.repeat(depth)}`,
      ),
      fc.tuple(fc.integer({ min: 2, max: 2_000 }), fc.constantFrom('segment', 'case')).map(([depth, field]) => {
        // A valid event with a deeply nested value in one of its fields. From depth 2: at depth 1 the
        // segment {"x":"y"} is a valid event, which the API rightly accepts.
        const nested = `${'{"x":'.repeat(depth)}"y"${'}'.repeat(depth)}`;
        return valid.replace(/"segment":\{[^}]*\}/, `"${field === 'segment' ? 'segment' : 'case'}":${nested}`);
      }),
      hugeString.map((huge) => JSON.stringify({ ...caseClosedEvent(), segment: { note: huge } })),
      fc.constant(`{"id":"${'x'.repeat(MAX_EVENT_BYTES)}"}`),
      fc.constant('\ufeff' + valid),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = countAll(ctx.db);
        const response = await ctx.app.request('/api/v1/events', {
          method: 'POST',
          headers: { Authorization: `Bearer ${ctx.apiKey}`, 'Content-Type': 'application/json' },
          body: raw,
        });
        // Only a valid event behind a byte-order mark may pass (the JSON reader skips a BOM).
        if (response.status === 202) expect(raw).toBe(`\ufeff${valid}`);
        await checkEventAnswer(ctx, before, response, response.status === 202 ? (JSON.parse(valid) as SentEvent) : undefined);
      }),
      { numRuns: 60 },
    );
  });

  it('answers 415 to every content type that is not JSON, before reading the body', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/jsonx',
        'text/json',
        'json',
        '',
        'application/ json',
        '*/*',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).filter((type) => !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)),
    );
    await fc.assert(
      fc.asyncProperty(contentType, fc.oneof(fc.constant(JSON.stringify(caseClosedEvent())), hostileString), async (type, raw) => {
        const before = countAll(ctx.db);
        const headers: Record<string, string> = { Authorization: `Bearer ${ctx.apiKey}` };
        if (type) headers['Content-Type'] = type.replace(/[\r\n\u0000]/g, '');
        const response = await ctx.app.request('/api/v1/events', { method: 'POST', headers, body: raw });
        expect(response.status).toBe(415);
        await checkEventAnswer(ctx, before, response, undefined);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses text with unpaired surrogates, which SQLite could not give back as sent', async () => {
    for (const event of [
      { ...caseClosedEvent(), id: 'evt-\ud800' },
      caseClosedEvent({ case: { reference: 'Z-\udbff', caseType: 'paspoort-aanvragen' } }),
      caseClosedEvent({ segment: { wijk: 'Centrum\udc00' } }),
      caseClosedEvent({ segment: { '\ud83d': 'x' } }),
    ]) {
      const before = countAll(ctx.db);
      const response = await ctx.postEvent(event);
      expect(response.status).toBe(400);
      const body = (await response.json()) as ProblemBody;
      expect(body.errors?.[0]?.message).toMatch(/surrogate|Invalid key/);
      expect(countAll(ctx.db)).toEqual(before);
    }
    // Emoji, right-to-left marks and NUL are text like any other and come back as sent.
    const id = 'evt-😀-\u202e-\u0000-👩‍👩‍👧';
    const response = await ctx.postEvent({ ...caseClosedEvent(), id, segment: { wijk: 'ﷺ\u200f\u0000' } });
    expect(response.status).toBe(202);
    const stored = ctx.db.$client.prepare('SELECT payload FROM events WHERE event_id = ?').pluck().get(id) as string;
    expect(JSON.parse(stored)).toMatchObject({ id, segment: { wijk: 'ﷺ\u200f\u0000' } });
  });
});

// ── The survey form ──────────────────────────────────────────────────────────────────────────

const steps = ['afspraak-maken', 'balie', 'ophalen'];
const surveyFields = [
  ...steps.flatMap((slug) => [`feeling-${slug}`, `comment-${slug}`]),
  'grade',
  'effort',
  'panel-consent',
  'panel-email',
  'panel-name',
  'panel-phone',
  'panel-contact',
  'panel-text-hash',
];

/** How the form is sent: as a browser would, or in ways no browser would. */
type Encoding = 'urlencoded' | 'multipart' | 'multipart-files' | 'broken-multipart' | 'json' | 'text' | 'none';
const encodings: Encoding[] = ['urlencoded', 'urlencoded', 'multipart', 'multipart-files', 'broken-multipart', 'json', 'text', 'none'];

function encodeForm(fields: [string, string][], encoding: Encoding): { body?: BodyInit; headers: Record<string, string> } {
  switch (encoding) {
    case 'urlencoded':
      return { body: new URLSearchParams(fields), headers: {} };
    case 'multipart':
    case 'multipart-files': {
      const form = new FormData();
      for (const [name, value] of fields) {
        if (encoding === 'multipart-files' && value.length % 2 === 0) form.append(name, new Blob([value]), 'bestand.txt');
        else form.append(name, value);
      }
      return { body: form, headers: {} };
    }
    case 'broken-multipart':
      return {
        body: `--grens\r\nContent-Disposition: form-data; name="${fields[0]?.[0] ?? 'x'}"\r\n\r\n${fields[0]?.[1] ?? ''}`,
        headers: { 'Content-Type': fields.length % 2 ? 'multipart/form-data' : 'multipart/form-data; boundary=anders' },
      };
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(fields)), headers: { 'Content-Type': 'application/json' } };
    case 'text':
      return { body: fields.map(([name, value]) => `${name}=${value}`).join('\n'), headers: { 'Content-Type': 'text/plain' } };
    case 'none':
      return { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
  }
}

const formValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('-2', '-1', '0', '1', '2', 'nvt', '3', '7', '10', '11', 'ja', 'nee', 'e-mail', 'telefoon', '06 12345678', 'iemand@example.nl') },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: hugeString },
);

type FormEdit = { op: 'set'; field: string; value: string } | { op: 'delete'; field: string } | { op: 'repeat'; field: string; value: string };
const formEdit: fc.Arbitrary<FormEdit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), field: fc.oneof(fc.constantFrom(...surveyFields), hostileString), value: formValue }),
  fc.record({ op: fc.constant('delete' as const), field: fc.constantFrom(...surveyFields) }),
  fc.record({ op: fc.constant('repeat' as const), field: fc.constantFrom(...surveyFields), value: formValue }),
);

function surveyForm(edits: FormEdit[]): [string, string][] {
  let fields: [string, string][] = [
    ['feeling-afspraak-maken', '1'],
    ['comment-afspraak-maken', 'Het ging snel.'],
    ['feeling-balie', '-2'],
    ['comment-balie', ''],
    ['feeling-ophalen', 'nvt'],
    ['grade', '8'],
    ['effort', '6'],
  ];
  for (const edit of edits) {
    if (edit.op === 'delete') fields = fields.filter(([name]) => name !== edit.field);
    else if (edit.op === 'repeat') fields.push([edit.field, edit.value]);
    else {
      fields = fields.filter(([name]) => name !== edit.field);
      fields.push([edit.field, edit.value]);
    }
  }
  return fields;
}

describe('the survey form under hostile input', () => {
  let ctx: TestContext;
  beforeAll(() => {
    ctx = createTestContext();
  });

  /** A fresh open invitation, through the event API; returns its survey path. */
  async function invitationPath(): Promise<string> {
    const response = await ctx.postEvent({ ...caseClosedEvent(), citizen: { email: `${fresh('enquete')}@example.nl` } });
    expect(response.status).toBe(202);
    const { invitationId } = (await response.json()) as { invitationId: number };
    return surveyPathOf(ctx.db, invitationId);
  }

  it('stores a submission completely or answers with the form and an error per field, storing nothing', async () => {
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(formEdit, { maxLength: 5 }), fc.constantFrom(...encodings), async (edits, encoding) => {
        // Past the per-address rate limit window: these runs are one citizen each.
        ctx.clock.advanceMs(11 * 60_000);
        const path = await invitationPath();
        const fields = surveyForm(edits);
        const { body, headers } = encodeForm(fields, encoding);
        const before = countAll(ctx.db);
        const response = await ctx.app.request(path, { method: 'POST', headers, body });
        const html = await response.text();
        expect([200, 400, 413, 422]).toContain(response.status);
        expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
        const invitation = ctx.db.$client
          .prepare("SELECT id, status FROM invitations WHERE id = (SELECT max(id) FROM invitations)")
          .get() as { id: number; status: string };
        const after = countAll(ctx.db);
        if (response.status === 200) {
          stored++;
          // Everything: the response, one answer per step, the invitation answered.
          expect(after.responses! - before.responses!).toBe(1);
          expect(after.answers! - before.answers!).toBe(steps.length);
          expect(invitation.status).toBe('answered');
          const sent = new Map(encoding === 'multipart-files' ? [] : fields);
          const feelings = ctx.db.$client
            .prepare(
              `SELECT t.slug, a.feeling FROM answers a JOIN touchpoints t ON t.id = a.touchpoint_id
               WHERE a.response_id = (SELECT id FROM responses WHERE invitation_id = ?)`,
            )
            .all(invitation.id) as { slug: string; feeling: number | null }[];
          expect(feelings).toHaveLength(steps.length);
          for (const { slug, feeling } of feelings) {
            const value = sent.get(`feeling-${slug}`);
            if (value !== undefined) expect(feeling).toBe(value === 'nvt' ? null : Number(value));
          }
        } else {
          refused++;
          // Nothing: the consent text shown with a re-rendered form is remembered, nothing else.
          expect(without(after, 'panel_consent_texts')).toEqual(without(before, 'panel_consent_texts'));
          expect(invitation.status).toBe('open');
          if (response.status === 422) {
            expect(html).toContain('id="foutoverzicht"');
            expect(html).toContain(`action="${path}"`);
          }
        }
      }),
      { numRuns: 70 },
    );
    // The generators reach both sides.
    expect(stored).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses a malformed multipart body with 400, not 500, and keeps the link usable', async () => {
    const path = await invitationPath();
    const before = countAll(ctx.db);
    const response = await ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'grade=8' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Het formulier kon niet worden gelezen');
    expect(countAll(ctx.db)).toEqual(before);
    ctx.clock.advanceMs(11 * 60_000);
    const retry = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(surveyForm([])) });
    expect(retry.status).toBe(200);
  });
});

// ── The login form ───────────────────────────────────────────────────────────────────────────

describe('the login form under hostile input', () => {
  let ctx: TestContext;
  const email = 'manager@gemeente.test';
  beforeAll(async () => {
    ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager', email);
  });

  const emailValue = fc.oneof(
    fc.constantFrom(email, email.toUpperCase(), ` ${email} `, `${email}\u0000`, `${email}\u202e`, 'manager@gemeente.test.', ''),
    hostileString,
    hugeString,
  );
  const passwordValue = fc.oneof(fc.constant(STAFF_PASSWORD), fc.constant(`${STAFF_PASSWORD}\u0000`), hostileString, hugeString);
  const returnValue = fc.oneof(
    fc.constantFrom('/dashboard', '/panel', '//evil.example', '/\\evil.example', 'https://evil.example/', '/login', '/%2F%2Fevil', 'javascript:alert(1)', '/dashboard\r\nSet-Cookie: x=1'),
    hostileString,
  );

  it('logs in only with the right password, never redirects off-site, and otherwise shows the form with its errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        emailValue,
        passwordValue,
        fc.option(returnValue, { nil: undefined }),
        fc.array(fc.tuple(hostileString, hostileString), { maxLength: 3 }),
        fc.constantFrom(...encodings),
        async (emailSent, password, terug, extra, encoding) => {
          // Past the per-address limit and any lockout earned by the runs before.
          ctx.clock.advanceMs(61 * 60_000);
          const fields: [string, string][] = [['email', emailSent], ['password', password], ...extra];
          if (terug !== undefined) fields.push(['terug', terug]);
          const { body, headers } = encodeForm(fields, encoding);
          const before = countAll(ctx.db);
          const response = await ctx.app.request('/login', { method: 'POST', headers, body });
          const html = await response.text();
          expect([303, 400, 401, 413, 422, 429]).toContain(response.status);
          const after = countAll(ctx.db);
          if (response.status === 303) {
            const location = response.headers.get('Location')!;
            expect(location).toMatch(/^\/(?![/\\])/);
            expect(location).not.toMatch(/[\r\n]/);
            expect(after.sessions! - before.sessions!).toBe(1);
            expect(password).toBe(STAFF_PASSWORD);
          } else {
            // A failed login is audited (and counted towards a lockout); no session, no account.
            expect(without(after, 'audit_log')).toEqual(without(before, 'audit_log'));
            expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
            if ([401, 413, 422, 429].includes(response.status)) {
              expect(html).toContain('name="email"');
              expect(html).toContain('id="foutoverzicht"');
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses a body of more than 16 KiB before reading it, with the form and its error', async () => {
    const response = await ctx.app.request('/login', { method: 'POST', body: new URLSearchParams({ email, password: 'x'.repeat(20_000) }) });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain('name="email"');
    expect(html).toContain('te lang');
  });

  it('refuses the right password with a NUL appended (scrypt would hash both alike)', async () => {
    ctx.clock.advanceMs(61 * 60_000);
    // A login first clears the failures the random runs before left: one more failure then cannot lock the account.
    expect((await login(ctx.app, email)).response.status).toBe(303);
    const response = await ctx.app.request('/login', { method: 'POST', body: new URLSearchParams({ email, password: `${STAFF_PASSWORD}\u0000` }) });
    expect(response.status).toBe(401);
    const { response: right } = await login(ctx.app, email);
    expect(right.status).toBe(303);
  });

  it('logs in with the right credentials whatever else the form holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(hostileString, hostileString), { maxLength: 4 }), fc.option(returnValue, { nil: undefined }), async (extra, terug) => {
        ctx.clock.advanceMs(61 * 60_000);
        const fields: [string, string][] = [...extra.filter(([name]) => !['email', 'password', 'terug'].includes(name)), ['email', email], ['password', STAFF_PASSWORD]];
        if (terug !== undefined) fields.push(['terug', terug]);
        const response = await ctx.app.request('/login', { method: 'POST', body: new URLSearchParams(fields) });
        expect(response.status).toBe(303);
        expect(response.headers.get('Location')).toMatch(/^\/(?![/\\])[^\r\n]*$/);
      }),
      { numRuns: 8 },
    );
  });
});

// ── The CSV import of appointments ───────────────────────────────────────────────────────────

const NOW = new Date('2026-11-20T15:00:00Z');

const knownColumns = ['referentie', 'product', 'locatie', 'kanaal', 'geboekt_op', 'start', 'status', 'herinnering_verstuurd_op', 'email', 'segment_wijk'];
const goodValue: Record<string, fc.Arbitrary<string>> = {
  referentie: fc.integer({ min: 1, max: 40 }).map((n) => `R-${n}`),
  product: fc.constantFrom('paspoort', 'rijbewijs', 'uittreksel'),
  locatie: fc.constantFrom('Stadskantoor', 'Wijkbureau Noord', ''),
  kanaal: fc.constantFrom('web', 'telefoon', 'balie', ''),
  geboekt_op: fc.constantFrom('2026-10-01T08:00:00Z', '01-10-2026 10:00', '2026-10-02', '2026-10-01 09:30'),
  start: fc.constantFrom('2026-11-02T08:30:00Z', '03-11-2026 14:15', '2026-12-15 10:00', '2026-11-02T09:30:00+01:00'),
  status: fc.constantFrom('geboekt', 'verschenen', 'niet_verschenen', 'geannuleerd', 'No-Show', 'attended'),
  herinnering_verstuurd_op: fc.constantFrom('', '2026-11-01T17:00:00Z'),
  email: fc.constantFrom('', 'jan@example.nl', 'Jan@Example.NL'),
  segment_wijk: fc.constantFrom('', 'Centrum', 'Woensel'),
};

/** A CSV file as bytes: header of known and unknown columns, rows of good and hostile values, in several encodings. */
const csvFile: fc.Arbitrary<Uint8Array> = fc
  .record({
    columns: fc.oneof(
      { weight: 3, arbitrary: fc.shuffledSubarray(knownColumns, { minLength: 7 }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...knownColumns, 'segment_', 'segment_wijk', 'Referentie ', 'STATUS', 'segment_🏠'), hostileString), { maxLength: 12 }) },
    ),
    rows: fc.array(fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(hostileString, hugeString.map((s) => s.slice(0, 20_000))) }), { maxLength: 12 }), {
      maxLength: 8,
    }),
    separator: fc.constantFrom(',', ';'),
    lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'utf-8', 'utf-8', 'latin1', 'utf-16le'),
    values: fc.array(fc.tuple(...knownColumns.map((column) => goodValue[column]!)), { minLength: 8, maxLength: 8 }),
  })
  .map(({ columns, rows, separator, lineEnd, bom, quoteAll, encoding, values }) => {
    const cell = (value: string) => (quoteAll || /["\r\n,;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const lines = [columns.map(cell).join(separator)];
    rows.forEach((row, r) => {
      const good = values[r]!;
      const cells = columns.map((column, c) => row[c] ?? (knownColumns.includes(column) ? good[knownColumns.indexOf(column)]! : ''));
      lines.push(cells.map(cell).join(separator));
    });
    const text = (bom ? '\ufeff' : '') + lines.join(lineEnd);
    return encoding === 'utf-8' ? new TextEncoder().encode(text) : new Uint8Array(Buffer.from(text, encoding));
  });

describe('the CSV import under hostile input', () => {
  const deps = { addressHashKey: 'test-address-hash-key-with-enough-length', now: NOW };

  /** The import's promises, whatever the bytes: a format error storing nothing, or every good row stored and every bad one reported. */
  async function checkImport(bytes: Uint8Array) {
    const ctx = { db: openDb(':memory:') };
    const before = countAll(ctx.db);
    let result: ImportResult;
    try {
      result = await importAppointmentCsv(ctx.db, deps, bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(CsvFormatError);
      expect((error as Error).message.length).toBeGreaterThan(0);
      expect(countAll(ctx.db)).toEqual(before);
      return 'unusable';
    }
    const after = countAll(ctx.db);
    expect(result.imported + result.updated + result.unchanged + result.rejected).toBe(result.rows);
    expect(after.appointments! - before.appointments!).toBe(result.imported);
    expect(result.errorCount).toBeGreaterThanOrEqual(result.rejected);
    for (const error of result.errors) {
      expect(error.row).toBeGreaterThanOrEqual(2);
      expect(error.message.length).toBeGreaterThan(0);
    }
    // Every row that passed validation is there, with its status (a fresh database: no newer status to overrule it).
    const validation = await validateAppointmentFile(readAppointmentFile(bytes), NOW);
    expect(validation.rejected).toBe(result.rejected);
    const statusOf = ctx.db.$client.prepare('SELECT status FROM appointments WHERE reference = ?').pluck();
    const last = new Map(validation.valid.map(({ input }) => [input.reference, input]));
    for (const input of last.values()) expect(statusOf.get(input.reference)).toBeDefined();
    expect(result.imported).toBe(last.size);
    // Nothing besides appointments (and none of the other tables) is written by an import.
    expect(without(after, 'appointments')).toEqual(without(before, 'appointments'));
    return 'read';
  }

  it('reads or refuses structured files with hostile columns, values, encodings, BOMs and huge fields', async () => {
    const outcomes = { unusable: 0, read: 0 };
    // Besides the random files, one that must be read and one that cannot be: a run of random
    // files alone sometimes held only unreadable ones, and then proved nothing about reading.
    const readable = new TextEncoder().encode(
      ['referentie,product,locatie,kanaal,geboekt_op,start,status', 'R-1,paspoort,Stadskantoor,web,2026-10-01T08:00:00Z,2026-11-02T08:30:00Z,verschenen'].join('\n'),
    );
    const unusable = new TextEncoder().encode('naam;leeftijd\nJan;40');
    await fc.assert(
      fc.asyncProperty(csvFile, async (bytes) => {
        outcomes[await checkImport(bytes)]++;
      }),
      { numRuns: 80, examples: [[readable], [unusable]] },
    );
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.unusable).toBeGreaterThan(0);
  });

  it('treats "__proto__" as an unknown status and refuses it as a segment column', async () => {
    const db = openDb(':memory:');
    const header = 'referentie,product,locatie,kanaal,geboekt_op,start,status';
    const row = 'R-1,paspoort,Stadskantoor,web,2026-10-01T08:00:00Z,2026-11-02T08:30:00Z';
    const result = await importAppointmentCsv(db, deps, `${header}\n${row},__proto__\n${row.replace('R-1', 'R-2')},constructor\n`);
    expect(result).toMatchObject({ rows: 2, imported: 0, rejected: 2 });
    expect(result.errors.map((error) => error.message)).toEqual([expect.stringContaining('Onbekende status'), expect.stringContaining('Onbekende status')]);
    await expect(importAppointmentCsv(db, deps, `${header},segment___proto__\n${row},verschenen,x\n`)).rejects.toThrow(CsvFormatError);
    expect(countAll(db).appointments).toBe(0);
  });

  it('reads or refuses random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 3_000 }), fc.string({ unit: 'binary', maxLength: 500 }).map((s) => new TextEncoder().encode(s))), async (bytes) => {
        await checkImport(bytes);
      }),
      { numRuns: 60 },
    );
  });

  it('answers every upload to the admin page with the result or the form and its error, never 500', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'admin');
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const { cookie } = await login(ctx.app, 'admin@gemeente.test');
    expect(cookie).toBeDefined();
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvFile, fc.uint8Array({ maxLength: 500 })), fc.constantFrom('multipart', 'broken', 'no-file', 'urlencoded'), async (generated, how) => {
        const bytes = new Uint8Array(generated);
        let init: RequestInit;
        if (how === 'multipart') {
          const form = new FormData();
          form.append('bestand', new Blob([bytes]), 'afspraken.csv');
          init = { body: form };
        } else if (how === 'no-file') {
          const form = new FormData();
          form.append('bestand', new TextDecoder().decode(bytes));
          init = { body: form };
        } else if (how === 'urlencoded') {
          init = { body: new URLSearchParams({ bestand: new TextDecoder().decode(bytes) }) };
        } else {
          init = { body: bytes, headers: { 'Content-Type': 'multipart/form-data; boundary=grens' } };
        }
        const before = countAll(ctx.db);
        const response = await ctx.app.request('/admin/appointments/import', {
          method: 'POST',
          ...init,
          headers: { ...(init.headers as Record<string, string>), Cookie: cookie! },
        });
        expect([200, 413, 422]).toContain(response.status);
        const html = await response.text();
        const after = countAll(ctx.db);
        if (response.status !== 200) {
          expect(html).toMatch(/utrecht-alert|role="status"|foutoverzicht|class="[^"]*error/);
          expect(without(after, 'audit_log')).toEqual(without(before, 'audit_log'));
        }
      }),
      { numRuns: 25 },
    );
  });
});
