/**
 * /privacy names the organisations of chain surveys: per chain journey the partners with their
 * privacy contacts, and that the hosting organisation processes the data on their behalf; without
 * chain journeys the statement is as before.
 */
import { describe, expect, it } from 'vitest';
import { importJourney } from '../../src/journeys/journeys';
import { createOrganisation } from '../../src/organisations/organisations';
import { nl } from '../../src/texts';
import { escapeHtml } from '../helpers/html-text';
import { createTestContext } from '../helpers/test-context';

const chainJourney = {
  slug: 'overlijden-doorgeven',
  name: 'Overlijden doorgeven',
  type: 'ervaring' as const,
  caseTypes: [],
  chain: true,
  touchpoints: [
    { slug: 'aangifte', name: 'Aangifte overlijden', channel: 'balie' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'svb', name: 'Contact met SVB', channel: 'telefoon' as const, momentOfTruth: false, askedByDefault: true, organisation: 'svb' },
    { slug: 'pensioen', name: 'Nabestaandenpensioen', channel: 'post' as const, momentOfTruth: false, askedByDefault: true, organisation: 'pfzw' },
  ],
};

describe('/privacy and chain surveys', () => {
  it('names each chain journey’s organisations with their privacy contacts and the hosting organisation as processor', async () => {
    const ctx = createTestContext();
    const before = await (await ctx.app.request('/privacy')).text();
    expect(before).not.toContain('id="ketenreizen"');

    createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'svb', privacyContact: 'privacy@svb.test' });
    createOrganisation(ctx.db, ctx.clock, { name: 'Pensioenfonds Zorg en Welzijn', slug: 'pfzw' });
    createOrganisation(ctx.db, ctx.clock, { name: 'Belastingdienst', slug: 'belastingdienst', privacyContact: 'fg@belastingdienst.test' });
    importJourney(ctx.db, chainJourney, ctx.clock);

    const response = await ctx.app.request('/privacy');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="ketenreizen"');
    expect(html).toContain(escapeHtml(`Overlijden doorgeven: ${ctx.config.ORGANISATION_NAME}; Sociale Verzekeringsbank (privacyvragen: privacy@svb.test); Pensioenfonds Zorg en Welzijn`));
    expect(html).toContain(escapeHtml(`${ctx.config.ORGANISATION_NAME} verwerkt de gegevens van deze vragenlijsten namens deze organisaties`));
    // An organisation without a step in any chain is not named.
    expect(html).not.toContain('Belastingdienst');
    // The existing statement stays.
    for (const section of nl.statements.privacy({ name: ctx.config.ORGANISATION_NAME }, { expiryDays: 1, fatigueDays: 1, mailDays: 1, responsesMonths: 1, commentsMonths: 1, auditMonths: 1, panelConsentMonths: 1, callbackDays: 1, minGroupSize: 1 })) {
      expect(html).toContain(escapeHtml(section.heading));
    }
  });
});
