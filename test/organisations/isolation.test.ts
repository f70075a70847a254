/**
 * Isolation between organisations (issue 24): the route table walked with two organisations.
 * Every route that names an object, as every role of one organisation, with the OTHER
 * organisation's object: 404 (403 where the role may not use the route at all), never its data,
 * and a POST changes nothing. Every staff page and export, as every role, with the
 * organisation's own objects: the other organisation's planted word appears nowhere; nor in what
 * the command line prints for one organisation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allows, routeTable, type RouteRule } from '../../src/auth/access';
import type { Role } from '../../src/db/schema';
import { spawnCli } from '../helpers/cli';
import { plantOrganisation, ROLES, type PlantedOrganisation } from '../helpers/organisation-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let host: PlantedOrganisation;
let partner: PlantedOrganisation;

beforeAll(async () => {
  ctx = createTestContext();
  host = await plantOrganisation(ctx, 'kwartelkoning');
  partner = await plantOrganisation(ctx, 'zeekraal', { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
}, 60_000);

const staffRules = routeTable.filter((rule) => Array.isArray(rule.audience) || rule.audience === 'staff');

/** Which table's object a parameter of a route names, by the path before it. */
const parameterTables: [RegExp, string][] = [
  [/^\/dashboard\/verbeteracties\/:id$/, 'improvement_actions'],
  [/^\/dashboard\/themas\/codeboek\/:id$/, 'theme_codes'],
  [/^\/dashboard\/terugbellen\/:id$/, 'callback_requests'],
  [/^\/dashboard\/keten\/:slug$/, 'journey-slug'],
  [/^\/dashboard\/keten\/:slug\/acties\/:id$/, 'improvement_actions'],
  [/^\/panel\/leden\/:id$/, 'panel_members'],
  [/^\/panel\/onderzoeken\/:id$/, 'studies'],
  [/^\/panel\/onderzoeken\/:id\/deelnemers\/:pid$/, 'study_participants'],
  [/^\/admin\/users\/:id$/, 'users'],
  [/^\/admin\/api-keys\/:id$/, 'api_keys'],
  [/^\/admin\/organisaties\/:id$/, 'organisations'],
  [/^\/admin\/appointments\/import\/:id$/, 'import-job'],
  [/^\/admin\/zgw\/abonnementen\/:id$/, 'zgw_subscriptions'],
  [/^\/admin\/zgw\/koppelingen\/:id$/, 'zgw_mappings'],
  [/^\/admin\/zgw\/notificaties\/:id$/, 'zgw_notifications'],
  [/^\/admin\/reizen\/:id$/, 'journeys'],
  [/^\/admin\/reizen\/:id\/contactmomenten\/:touchpointId$/, 'touchpoints'],
  [/^\/admin\/reizen\/:id\/vragen\/:itemId$/, 'journey_items'],
  [/^\/mailbox\/:id$/, 'outbox'],
];

/** The value for a parameter: the owner's object of the table the path names. */
function valueFor(owner: PlantedOrganisation, pathSoFar: string, parameter: string): string | undefined {
  const template = `${pathSoFar}/${parameter}`;
  const table = parameterTables.find(([pattern]) => pattern.test(template))?.[1];
  if (table === undefined) return undefined;
  if (table === 'journey-slug') return 'paspoort-aanvragen';
  if (table === 'import-job') return 'onbekend';
  if (table === 'organisations') return String(owner.id);
  const id = owner.ids[table];
  return id === undefined ? undefined : String(id);
}

/** The rule's path with its parameters naming the owner's objects; undefined when a parameter is not mapped above. */
function pathOf(rule: RouteRule, owner: PlantedOrganisation): string | undefined {
  const parts: string[] = [];
  let template = '';
  for (const segment of rule.path.split('/').slice(1)) {
    if (segment.startsWith(':')) {
      const value = valueFor(owner, template, segment);
      if (value === undefined) return undefined;
      parts.push(value);
    } else parts.push(segment);
    template += `/${segment}`;
  }
  return `/${parts.join('/')}`;
}

const hasParameters = (rule: RouteRule) => rule.path.includes('/:');

function request(path: string, rule: RouteRule, cookie: string) {
  return rule.method === 'GET'
    ? ctx.app.request(path, { headers: { Cookie: cookie } })
    : ctx.app.request(path, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams() });
}

/** Everything an organisation owns, as rows: what a request of the other must never change. */
function ownedRows(): string {
  const tables = ['journeys', 'touchpoints', 'journey_items', 'journey_case_types', 'improvement_actions', 'callback_requests', 'callback_attempts', 'panel_members', 'studies', 'study_participants', 'users', 'api_keys', 'theme_codes', 'zgw_subscriptions', 'zgw_mappings', 'zgw_notifications', 'invitations', 'responses', 'answers', 'appointments', 'appointment_products', 'organisations', 'settings'];
  return JSON.stringify(tables.map((table) => ctx.db.$client.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
}

const pairs = () => [
  ['the partner', partner, 'the hosting organisation', host],
  ['the hosting organisation', host, 'the partner', partner],
] as const;

describe('objects of another organisation', () => {
  it('every route that names an object has its parameters mapped here (no route escapes this test)', () => {
    const unmapped = staffRules.filter(hasParameters).filter((rule) => pathOf(rule, host) === undefined);
    expect(unmapped.map((rule) => `${rule.method} ${rule.path}`)).toEqual([]);
  });

  it.each(ROLES)('as %s: 404 for every object of the other organisation, 403 where the role has no access; nothing changes', async (role: Role) => {
    const before = ownedRows();
    const wrong: string[] = [];
    for (const [, viewer, , owner] of pairs()) {
      for (const rule of staffRules.filter(hasParameters)) {
        const path = pathOf(rule, owner)!;
        const response = await request(path, rule, viewer.cookies[role]);
        const body = await response.text();
        const expected = allows(rule.audience, role) ? 404 : 403;
        if (response.status !== expected || body.toLowerCase().includes(owner.word)) {
          wrong.push(`${viewer.slug} ${role} ${rule.method} ${path} → ${response.status}${body.toLowerCase().includes(owner.word) ? ' (shows the other organisation\'s data)' : ''}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(ownedRows(), 'requests for another organisation\'s objects changed stored data').toBe(before);
  });
});

describe('pages and exports', () => {
  /** Every staff GET route with the viewer's own objects, and the dashboard pages for the journey. */
  const pagesOf = (viewer: PlantedOrganisation) => {
    const paths = staffRules.filter((rule) => rule.method === 'GET').map((rule) => pathOf(rule, viewer)!).filter(Boolean);
    const withJourney = paths.filter((path) => path.startsWith('/dashboard')).map((path) => `${path}?reis=paspoort-aanvragen`);
    return [...paths, ...withJourney];
  };

  it.each(ROLES)('as %s: no page or export shows anything of the other organisation', async (role: Role) => {
    const leaks: string[] = [];
    for (const [, viewer, , other] of pairs()) {
      for (const path of pagesOf(viewer)) {
        const response = await ctx.app.request(path, { headers: { Cookie: viewer.cookies[role] } });
        const body = (await response.text()).toLowerCase();
        if (body.includes(other.word)) leaks.push(`${viewer.slug} ${role} GET ${path} → ${response.status}`);
        expect(response.status, `${viewer.slug} ${role} GET ${path}`).toBeLessThan(500);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("the scan sees data: each organisation's own word is on its own pages", async () => {
    for (const [, viewer] of pairs()) {
      const seen = async (role: Role, path: string) => (await (await ctx.app.request(path, { headers: { Cookie: viewer.cookies[role] } })).text()).toLowerCase().includes(viewer.word);
      expect(await seen('manager', '/dashboard/themas/opmerkingen?reis=paspoort-aanvragen'), `${viewer.slug} comments`).toBe(true);
      expect(await seen('manager', '/dashboard/verbeteracties'), `${viewer.slug} actions`).toBe(true);
      expect(await seen('kcc', '/dashboard/terugbellen'), `${viewer.slug} call-backs`).toBe(true);
      expect(await seen('researcher', '/panel/onderzoeken'), `${viewer.slug} studies`).toBe(true);
      expect(await seen('admin', '/admin/users'), `${viewer.slug} users`).toBe(true);
      expect(await seen('admin', '/admin/api-keys'), `${viewer.slug} keys`).toBe(true);
      expect(await seen('manager', '/dashboard/no-shows/export.csv'), `${viewer.slug} export`).toBe(true);
    }
  });
});

describe('command-line output', () => {
  it("every command that prints stored data prints only the chosen organisation's (the hosting one by default)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-isolation-cli-'));
    try {
      const databasePath = join(dir, 'meethuis.db');
      const fileCtx = createTestContext({ DATABASE_PATH: databasePath });
      const hosting = await plantOrganisation(fileCtx, 'kwartelkoning');
      const other = await plantOrganisation(fileCtx, 'zeekraal', { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
      fileCtx.db.$client.close();
      const commands = [
        ['callbacks', 'list'],
        ['mailbox', '--limit', '500'],
        ['journey', 'list'],
        ['journey', 'export', 'paspoort-aanvragen'],
        ['appointments', 'map', '--list'],
        ['zgw', 'subscription', 'list'],
        ['zgw', 'map', '--list'],
        ['zgw', 'notifications'],
      ];
      const leaks: string[] = [];
      for (const [viewer, stranger, options] of [
        [hosting, other, []],
        [other, hosting, ['--organisation', 'buurdorp']],
      ] as const) {
        for (const command of [...commands, ['privacy', 'export', '--email', `${stranger.word}.burger1@example.nl`]]) {
          const result = await spawnCli(databasePath, [...command, ...options]);
          // The address asked about is echoed back; anything else of the other organisation would be a leak.
          const output = `${result.stdout}\n${result.stderr}`.toLowerCase().replaceAll(`${stranger.word}.burger1@example.nl`, '');
          if (output.includes(stranger.word)) leaks.push(`${viewer.slug}: ${command.join(' ')}`);
          expect(result.code, `${command.join(' ')} ${options.join(' ')}: ${result.stderr}`).toBe(0);
        }
        // The scan sees data: the organisation's own call-back request and mail are listed.
        const own = await spawnCli(databasePath, ['mailbox', '--limit', '500', ...options]);
        expect(own.stdout.toLowerCase()).toContain(viewer.word);
      }
      expect(leaks).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
