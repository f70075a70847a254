import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext } from '../helpers/test-context';

describe('/admin/uitgaande-mail', () => {
  it('shows the counts with Dutch thousands separators', async () => {
    const ctx = createTestContext();
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    await createStaff(ctx.db, ctx.clock, 'admin');
    const { cookie } = await login(ctx.app, 'admin@gemeente.test');
    const now = ctx.clock.now();
    const sent = Array.from({ length: 1234 }, (_, index) => ({
      kind: 'digest' as const,
      toAddress: `lezer-${index}@gemeente.test`,
      subject: 'Samenvatting',
      headers: {},
      messageId: `<getal-${index}@meethuis.test>`,
      status: 'sent' as const,
      attempts: 1,
      dueAt: now,
      createdAt: now,
      sentAt: now,
    }));
    ctx.db.insert(outbox).values(sent).run();

    const response = await asStaff(ctx.app, cookie!)('/admin/uitgaande-mail');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(/data-count="sent"[^>]*>\s*([^<]+?)\s*</.exec(html)?.[1]).toBe('1.234');
  });
});
