/**
 * The demo history leaves nothing usable behind that nobody asked for: the API key that carried
 * its events is revoked at the end (it was never shown to anyone).
 */
import { describe, expect, it } from 'vitest';
import { findActiveApiKey, listApiKeys } from '../../src/api-keys/api-keys';
import { generateDemoHistory } from '../../src/demo/demo-history';
import { createTestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';

describe('generateDemoHistory', () => {
  it('revokes the API key its events came in with, and leaves other keys alone', () => {
    const ctx = createTestContext();
    const report = generateDemoHistory(ctx.db, { config: ctx.config, addressHashKey: ctx.addressHashKey, mail: mailTemplates }, { days: 10, responses: 40, seed: 3 }, ctx.clock.now());
    expect(report.responses).toBeGreaterThan(10);
    const demoKeys = listApiKeys(ctx.db).filter((key) => key.name.startsWith('demo-'));
    expect(demoKeys).toHaveLength(1);
    expect(demoKeys[0]!.revokedAt).toBeInstanceOf(Date);
    expect(findActiveApiKey(ctx.db, ctx.apiKey)).toBeDefined();
  });
});
