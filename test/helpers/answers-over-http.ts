import { expect } from 'vitest';
import type { KnownAnswer } from './known-answers';
import { caseClosedEvent, type TestContext } from './test-context';
import { surveyPathOf } from './survey-link';

let sequence = 0;

/** Runs `step` with the test clock at `at`, and puts the clock back afterwards. */
async function at<T>(ctx: TestContext, instant: Date, step: () => Promise<T>): Promise<T> {
  const saved = ctx.clock.now();
  ctx.clock.advanceMs(instant.getTime() - saved.getTime());
  try {
    return await step();
  } finally {
    ctx.clock.advanceMs(saved.getTime() - ctx.clock.now().getTime());
  }
}

/** A case.closed event POSTed at `instant`: an invitation nobody answers (with the case's segment and channel, if given). Returns its id. */
export function inviteOverHttp(ctx: TestContext, instant: Date, journey = 'paspoort-aanvragen', about: { segment?: Record<string, string>; channel?: string } = {}): Promise<number> {
  return at(ctx, instant, async () => {
    sequence++;
    const response = await ctx.postEvent(
      caseClosedEvent({
        id: `http-invite-${process.pid}-${sequence}`,
        occurredAt: instant.toISOString(),
        case: { reference: `Z-HTTP-INVITE-${sequence}`, caseType: journey, ...(about.channel ? { channel: about.channel } : {}) },
        citizen: { email: `genodigde-http-${sequence}@example.nl`, language: 'nl' },
        ...(about.segment ? { segment: about.segment } : {}),
        // All of the journey's steps: the example's passport steps belong to one journey only.
        touchpoints: undefined,
      }),
    );
    expect(response.status).toBe(202);
    return ((await response.json()) as { invitationId: number }).invitationId;
  });
}

/**
 * The first half of answerOverHttp: the case.closed event POSTed at `answer.at`; returns the
 * survey's path, read from the invitation mail in the outbox.
 */
export function surveyPathOverHttp(ctx: TestContext, answer: KnownAnswer): Promise<string> {
  return at(ctx, answer.at, async () => {
    sequence++;
    const response = await ctx.postEvent(
      caseClosedEvent({
        id: `http-answer-${process.pid}-${sequence}`,
        occurredAt: answer.at.toISOString(),
        case: {
          reference: `Z-HTTP-${sequence}`,
          caseType: answer.journey ?? 'paspoort-aanvragen',
          openedAt: new Date(answer.at.getTime() - (answer.leadDays ?? 5) * 86_400_000).toISOString(),
          ...(answer.channel ? { channel: answer.channel } : {}),
        },
        citizen: { email: `inwoner-http-${sequence}@example.nl`, language: 'nl' },
        segment: answer.segment ?? {},
        touchpoints: Object.keys(answer.feelings),
      }),
    );
    expect(response.status).toBe(202);
    const { invitationId } = (await response.json()) as { invitationId: number };
    return surveyPathOf(ctx.db, invitationId);
  });
}

/** The second half: the survey form with `answer`'s scores, feelings and comments POSTed to `path` now. */
export async function submitOverHttp(ctx: TestContext, path: string, answer: KnownAnswer): Promise<void> {
  const form = new URLSearchParams({ grade: String(answer.grade ?? 7), effort: String(answer.effort ?? 5) });
  for (const [slug, feeling] of Object.entries(answer.feelings)) {
    form.set(`feeling-${slug}`, feeling === null ? 'nvt' : String(feeling));
    const comment = answer.comments?.[slug];
    if (comment) form.set(`comment-${slug}`, comment);
  }
  const submitted = await ctx.app.request(path, { method: 'POST', body: form });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
}

/**
 * One citizen's answer through the front doors: the case.closed event POSTed to the event API,
 * the survey link read from the mail in the outbox, and the survey form POSTed to it — all at
 * `answer.at` on the test clock (which is put back afterwards), so it lands in that day's roll-ups.
 */
export async function answerOverHttp(ctx: TestContext, answer: KnownAnswer): Promise<void> {
  const path = await surveyPathOverHttp(ctx, answer);
  await at(ctx, answer.at, () => submitOverHttp(ctx, path, answer));
}
