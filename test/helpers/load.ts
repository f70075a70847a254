import { expect } from 'vitest';
import { surveyLink, type TestSmtpServer } from './smtp';

export const SURVEY_ANSWERS = { 'feeling-afspraak-maken': '1', 'feeling-balie': '-1', 'feeling-ophalen': '2', 'comment-balie': 'Lang wachten', grade: '7', effort: '5' };

/** What a client learnt about its request: the answer, or nothing (the connection broke). */
export type Outcome = 'accepted' | 'duplicate' | 'stored' | 'already-answered' | 'unknown' | `http-${number}` | `status-${string}`;

let sequence = 0;

/** A case.closed event for the demo passport journey, unique id and address. */
export function loadEvent(tag: string) {
  sequence++;
  // Fixed width: no id is the start of another (test/group-commit-crash.test.ts finds them in raw pages).
  const n = `${tag}-${process.pid}-${String(sequence).padStart(6, '0')}`;
  return {
    id: `evt-${n}`,
    type: 'case.closed',
    occurredAt: '2026-11-20T14:03:00Z',
    case: { reference: `Z-${n}`, caseType: 'paspoort-aanvragen', openedAt: '2026-11-01T09:00:00Z', channel: 'balie' },
    citizen: { email: `burger-${n}@example.nl`, language: 'nl' },
    segment: { district: 'Woensel' },
  };
}

/**
 * Source systems and citizens at once against a running server: events posted with a few
 * connections in parallel, and every survey link that arrives by mail answered. Remembers what
 * each client was told, so a test can hold the server to it after crashes and restarts.
 */
export class Load {
  readonly events = new Map<string, { body: ReturnType<typeof loadEvent>; outcome: Outcome }>();
  /** Survey path (/s/<token>) → outcome of its submission. */
  readonly submissions = new Map<string, Outcome>();
  private address = 0;

  constructor(
    private readonly smtp: TestSmtpServer,
    private readonly apiKey: string,
    private readonly tag = 'load',
  ) {}

  /**
   * Every client got a final answer and never an error: each event accepted (or, after a lost
   * answer, found seen), each survey stored (or found answered); and at least this much happened.
   */
  expectEveryClientAnswered(context: () => string, atLeast: { events: number; stored: number }): void {
    const eventOutcomes = [...this.events.values()].map((entry) => entry.outcome);
    const submissionOutcomes = [...this.submissions.values()];
    expect(eventOutcomes.filter((outcome) => outcome !== 'accepted' && outcome !== 'duplicate'), context()).toEqual([]);
    expect(submissionOutcomes.filter((outcome) => outcome !== 'stored' && outcome !== 'already-answered'), context()).toEqual([]);
    expect(this.events.size, 'events sent').toBeGreaterThanOrEqual(atLeast.events);
    expect(submissionOutcomes.filter((outcome) => outcome === 'stored').length, 'surveys stored').toBeGreaterThanOrEqual(atLeast.stored);
  }

  async postEvent(baseUrl: string, body: ReturnType<typeof loadEvent>): Promise<Outcome> {
    let outcome: Outcome;
    try {
      const response = await fetch(`${baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.apiKey}` },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      outcome = response.status === 202 ? (`${(JSON.parse(text) as { status: string }).status}` as Outcome) : `http-${response.status}`;
      if (outcome !== 'accepted' && outcome !== 'duplicate' && response.status === 202) outcome = `status-${outcome}`;
    } catch {
      outcome = 'unknown';
    }
    const known = this.events.get(body.id)?.outcome;
    // A later "duplicate" does not undo what an earlier answer said.
    if (!known || known === 'unknown' || outcome !== 'unknown') this.events.set(body.id, { body, outcome: known === 'accepted' && outcome === 'duplicate' ? 'accepted' : outcome });
    return outcome;
  }

  async submitSurvey(baseUrl: string, path: string): Promise<Outcome> {
    let outcome: Outcome;
    try {
      this.address++;
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        // Behind a proxy every citizen has an address of their own (the per-address limit is not under test).
        headers: { 'X-Forwarded-For': `10.${(this.address >> 16) & 255}.${(this.address >> 8) & 255}.${this.address & 255}` },
        body: new URLSearchParams(SURVEY_ANSWERS),
      });
      await response.arrayBuffer();
      outcome = response.status === 200 ? 'stored' : response.status === 409 ? 'already-answered' : `http-${response.status}`;
    } catch {
      outcome = 'unknown';
    }
    const known = this.submissions.get(path);
    if (!known || known === 'unknown') this.submissions.set(path, outcome);
    return outcome;
  }

  /** Survey paths from the invitation mails received so far (reminders carry the same link). */
  surveyPaths(): string[] {
    const paths = new Set<string>();
    for (const mail of this.smtp.received) {
      if (/^Herinnering/.test(mail.subject ?? '')) continue;
      paths.add(new URL(surveyLink(mail)).pathname);
    }
    return [...paths];
  }

  /** Runs until stop(): `eventWorkers` loops posting new events, `surveyWorkers` loops answering surveys (each link once). */
  start(baseUrl: string, options: { eventWorkers?: number; surveyWorkers?: number; maxEvents?: number } = {}) {
    let stopped = false;
    let posted = 0;
    const eventLoop = async () => {
      while (!stopped && posted < (options.maxEvents ?? Infinity)) {
        posted++;
        if ((await this.postEvent(baseUrl, loadEvent(this.tag))) === 'unknown') await pause(20);
      }
    };
    const taken = new Set<string>();
    const surveyLoop = async () => {
      while (!stopped) {
        const path = this.surveyPaths().find((open) => !this.submissions.has(open) && !taken.has(open));
        if (!path) {
          await pause(20);
          continue;
        }
        taken.add(path);
        if ((await this.submitSurvey(baseUrl, path)) === 'unknown') await pause(20);
      }
    };
    const loops = [...Array.from({ length: options.eventWorkers ?? 3 }, eventLoop), ...Array.from({ length: options.surveyWorkers ?? 1 }, surveyLoop)];
    return {
      async stop() {
        stopped = true;
        await Promise.all(loops);
      },
    };
  }

  /** After a restart: ask again about everything whose answer was lost with the connection. */
  async settleUnknowns(baseUrl: string): Promise<void> {
    for (const [, entry] of this.events) if (entry.outcome === 'unknown') await this.postEvent(baseUrl, entry.body);
    for (const [path, outcome] of this.submissions) if (outcome === 'unknown') await this.submitSurvey(baseUrl, path);
  }
}

/** A small seeded generator, so a failing run can be repeated with the seed it prints. */
export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
