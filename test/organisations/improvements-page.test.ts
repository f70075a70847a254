/** /verbeteringen on an installation serving several organisations (issue 24): a partner's published action names the partner. */
import { describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { setUpChain } from '../helpers/chain';
import { decodeHtml } from '../helpers/html-text';
import { createTestContext } from '../helpers/test-context';

describe('published improvements of several organisations', () => {
  it("name the partner that did it; the hosting organisation's stand as before", async () => {
    const ctx = createTestContext();
    const chain = setUpChain(ctx.db, ctx.clock);
    const publish = (organisationId: number, step: string, summary: string) =>
      ctx.db.$client
        .prepare(
          "INSERT INTO improvement_actions (organisation_id, journey_id, touchpoint_id, title, owner, status, public_summary, published_at, created_at) VALUES (?, ?, ?, 'x', 'team', 'bezig', ?, ?, ?)",
        )
        .run(organisationId, chain.journeyId, chain.step(step), summary, ctx.clock.now().getTime(), ctx.clock.now().getTime());
    publish(chain.svb, 'aow', 'De AOW stopt nu zonder dat u hoeft te bellen.');
    publish(1, 'melding', 'U kunt het overlijden ook online melden.');
    const page = decodeHtml(await (await ctx.app.request('/verbeteringen')).text());
    const svbItem = page.slice(page.indexOf('AOW stopzetten'), page.indexOf('De AOW stopt nu'));
    expect(svbItem).toContain(nl.improvements.by('Sociale Verzekeringsbank'));
    const ownItem = page.slice(page.indexOf('Overlijden melden'), page.indexOf('U kunt het overlijden'));
    expect(ownItem).not.toContain('Gedaan door');
  });
});
