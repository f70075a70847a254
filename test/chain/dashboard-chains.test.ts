/** /dashboard points each partner's managers to the chain journeys their organisation takes part in (issue 24). */
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/organisations/organisations';
import { setUpChain } from '../helpers/chain';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext } from '../helpers/test-context';

describe('chain journeys on the dashboard', () => {
  it('links the chain view for every partner, and for no other organisation', async () => {
    const ctx = createTestContext();
    const chain = setUpChain(ctx.db, ctx.clock);
    const outsider = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buiten', slug: 'buiten' });
    const dashboardOf = async (email: string, organisationId?: number) => {
      await createStaff(ctx.db, ctx.clock, 'manager', email, organisationId);
      return (await asStaff(ctx.app, (await login(ctx.app, email)).cookie!)('/dashboard')).text();
    };
    for (const [email, organisationId] of [
      ['manager@gemeente.test', undefined],
      ['manager@svb.test', chain.svb],
      ['manager@pensioen.test', chain.pensioen],
    ] as const) {
      const page = await dashboardOf(email, organisationId);
      expect(page, email).toContain('id="ketenreizen"');
      expect(page, email).toContain('href="/dashboard/keten/overlijden-doorgeven"');
    }
    const outside = await dashboardOf('manager@buiten.test', outsider.id);
    expect(outside).not.toContain('id="ketenreizen"');
    expect(outside).not.toContain('Overlijden doorgeven');
  });
});
