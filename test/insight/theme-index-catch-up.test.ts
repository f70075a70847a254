/**
 * A page read counts pending comments itself, but a bounded number of batches: after an upgrade
 * or a bulk import the background job counts the rest, and no request waits minutes.
 */
import { describe, expect, it } from 'vitest';
import { INDEX_BATCH, indexPendingComments, pendingAnswers } from '../../src/insight/theme-index';
import { addKnownAnswer } from '../helpers/known-answers';
import { createTestContext } from '../helpers/test-context';

describe('catching up on comments', () => {
  it('indexes at most the batches it is given, and the rest on the next call', () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    const count = INDEX_BATCH + 150;
    for (let i = 0; i < count; i++) {
      addKnownAnswer(ctx, { at: new Date(now - (i % 20) * 3_600_000), feelings: { balie: i % 2 ? -1 : 1 }, comments: { balie: `Wachtrij bij de balie, nummer ${i}` } });
    }
    expect(pendingAnswers(ctx.db)).toBeGreaterThan(INDEX_BATCH);
    expect(indexPendingComments(ctx.db, { maxBatches: 1 })).toBe(INDEX_BATCH);
    expect(pendingAnswers(ctx.db)).toBeGreaterThan(0);
    expect(indexPendingComments(ctx.db)).toBe(150);
    expect(pendingAnswers(ctx.db)).toBe(0);
  }, 120_000);
});
