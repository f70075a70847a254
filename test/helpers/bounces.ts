import { readFileSync } from 'node:fs';

/** A bounce from test/fixtures/bounces/ with its tag (TAG) and the bounced recipient (TO) filled in. */
export const bounceFixture = (name: string, values: { tag?: string; to?: string } = {}) =>
  readFileSync(new URL(`../fixtures/bounces/${name}`, import.meta.url), 'utf8')
    .replaceAll('TAG', values.tag ?? '1-000000000000')
    .replaceAll('TO', values.to ?? 'jan@example.nl');
