import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { auditLog, outbox } from '../../src/db/schema';
import { dkimDnsRecord, generateDkimKey, generatedDkimKeyPath, type DkimSigning } from '../../src/mail/dkim';
import { checkBounces, checkDkim, checkDmarc, checkMailSetup, checkSmtp, checkSpf, type CheckItem } from '../../src/mail/setup-check';
import { nl } from '../../src/texts';
import { localResolver } from '../helpers/dns';
import { unescapeHtml } from '../helpers/html-text';
import { useSmtpServer } from '../helpers/smtp';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY } from '../helpers/test-context';

const dataDir = mkdtempSync(join(tmpdir(), 'meethuis-check-'));
const databasePath = join(dataDir, 'meethuis.db');
const privateKey = generateDkimKey(generatedDkimKeyPath(databasePath, 'mh1'));
const dkim: DkimSigning = { domainName: 'gemeente.nl', keySelector: 'mh1', privateKey };
const dkimRecord = dkimDnsRecord(dkim);

/** The records of a domain set up right: provider's SPF include, our DKIM key, DMARC quarantine. */
const goodRecords = (): Record<string, string[][]> => ({
  'gemeente.nl': [['v=spf1 include:spf.provider.nl -all'], ['google-site-verification=abc']],
  'spf.provider.nl': [['v=spf1 ip4:203.0.113.0/24 ~all']],
  [dkimRecord.name]: [dkimRecord.strings],
  '_dmarc.gemeente.nl': [['v=DMARC1; p=quarantine; rua=mailto:dmarc@gemeente.nl']],
});

const explained = (item: CheckItem) => nl.mailCheck.explain(item);

describe('the mail set-up check against a local resolver', () => {
  it('finds everything in order when the records are right', async () => {
    const resolver = localResolver(goodRecords());
    expect(await checkSpf('gemeente.nl', resolver)).toMatchObject({ status: 'ok', reason: 'fail', record: 'v=spf1 include:spf.provider.nl -all' });
    expect(await checkDkim('gemeente.nl', dkim, resolver)).toMatchObject({ status: 'ok', reason: 'ok', name: 'mh1._domainkey.gemeente.nl' });
    expect(await checkDmarc('gemeente.nl', dkim, resolver)).toMatchObject({ status: 'ok', reason: 'ok', policy: 'quarantine' });
    expect(explained(await checkDmarc('gemeente.nl', dkim, resolver)).summary).toContain('beleid "quarantine"');
  });

  it('reports a missing, doubled, broken or open SPF record', async () => {
    const records = goodRecords();
    delete records['gemeente.nl'];
    const missing = await checkSpf('gemeente.nl', localResolver(records));
    expect(missing).toMatchObject({ status: 'error', reason: 'missing' });
    expect(explained(missing).summary).toBe('gemeente.nl heeft geen SPF-record. Ontvangers kunnen niet nagaan welke servers namens dit domein mogen mailen; uitnodigingen komen dan vaak in de spam.');
    expect(explained(missing).advice).toContain('v=spf1 include:');

    const twice = { ...goodRecords(), 'gemeente.nl': [['v=spf1 -all'], ['v=spf1 include:spf.provider.nl -all']] };
    expect(await checkSpf('gemeente.nl', localResolver(twice))).toMatchObject({ status: 'error', reason: 'multiple' });
    const brokenInclude = { ...goodRecords(), 'gemeente.nl': [['v=spf1 include:bestaat-niet.nl -all']] };
    const broken = await checkSpf('gemeente.nl', localResolver(brokenInclude));
    expect(broken).toMatchObject({ status: 'error', reason: 'invalid' });
    expect(explained(broken).summary).toMatch(/kan niet worden gelezen \(.*bestaat-niet\.nl/);
    expect(await checkSpf('gemeente.nl', localResolver({ 'gemeente.nl': [['v=spf1 +all']] }))).toMatchObject({ status: 'error', reason: 'allows-all' });
    expect(await checkSpf('gemeente.nl', localResolver({ 'gemeente.nl': [['v=spf1 ip4:203.0.113.1']] }))).toMatchObject({ status: 'warning', reason: 'neutral' });
    expect(await checkSpf('gemeente.nl', localResolver({ 'gemeente.nl': [['v=spf1 ip4:203.0.113.1 ~all']] }))).toMatchObject({ status: 'ok', reason: 'softfail' });
  });

  it('reports a missing selector record, another key, a revoked key and a signing domain that does not align', async () => {
    const records = goodRecords();
    delete records[dkimRecord.name];
    const missing = await checkDkim('gemeente.nl', dkim, localResolver(records));
    expect(missing).toMatchObject({ status: 'error', reason: 'missing' });
    expect(explained(missing).summary).toContain('Er staat geen DKIM-sleutel op mh1._domainkey.gemeente.nl.');
    expect(explained(missing).advice).toContain(dkimRecord.value);

    const other = dkimDnsRecord({ ...dkim, privateKey: generateDkimKey(join(dataDir, 'ander.pem')) });
    const mismatch = await checkDkim('gemeente.nl', dkim, localResolver({ ...goodRecords(), [dkimRecord.name]: [other.strings] }));
    expect(mismatch).toMatchObject({ status: 'error', reason: 'mismatch' });
    expect(explained(mismatch).summary).toBe('Op mh1._domainkey.gemeente.nl staat een andere sleutel dan de sleutel waarmee meethuis ondertekent. Ontvangers keuren de handtekening af.');
    expect(await checkDkim('gemeente.nl', dkim, localResolver({ [dkimRecord.name]: [['v=DKIM1; k=rsa; p=']] }))).toMatchObject({ status: 'error', reason: 'revoked' });

    const elsewhere = await checkDkim('andere-gemeente.nl', dkim, localResolver(goodRecords()));
    expect(elsewhere).toMatchObject({ status: 'warning', reason: 'not-aligned' });
    expect(await checkDkim('gemeente.nl', undefined, localResolver(goodRecords()))).toMatchObject({ status: 'warning', reason: 'not-configured' });
  });

  it('reports a missing DMARC record as an error and p=none as a warning', async () => {
    const records = goodRecords();
    delete records['_dmarc.gemeente.nl'];
    const missing = await checkDmarc('gemeente.nl', dkim, localResolver(records));
    expect(missing).toMatchObject({ status: 'error', reason: 'missing' });
    expect(explained(missing).advice).toContain('_dmarc.gemeente.nl');
    const monitor = await checkDmarc('gemeente.nl', dkim, localResolver({ ...records, '_dmarc.gemeente.nl': [['v=DMARC1; p=none']] }));
    expect(monitor).toMatchObject({ status: 'warning', reason: 'monitor-only', policy: 'none' });
    expect(explained(monitor).summary).toContain('beleid "none"');
    const notAligned = await checkDmarc('gemeente.nl', { ...dkim, domainName: 'provider.nl' }, localResolver(goodRecords()));
    expect(notAligned).toMatchObject({ status: 'warning', reason: 'not-aligned', policy: 'quarantine' });
  });

  it('gives a domain reserved for tests an error without looking it up', async () => {
    const resolver = () => Promise.reject(new Error('must not be asked'));
    const report = await checkMailSetup({ config: { MAIL_FROM: 'meethuis <noreply@meethuis.localhost>', SMTP_URL: undefined }, resolver });
    expect(report.items.map((item) => [item.part, item.status, item.reason])).toEqual([
      ['spf', 'error', 'reserved-domain'],
      ['dkim', 'warning', 'not-configured'],
      ['dmarc', 'error', 'reserved-domain'],
      ['smtp', 'warning', 'mailbox'],
      ['bounces', 'warning', 'not-configured'],
    ]);
  });
});

describe('the bounce part of the check', () => {
  const run = (error: string | null) => ({ startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:00:01.000Z', rows: 0, durationMs: 1000, complete: error === null, error, trigger: 'schedule' });
  const address = 'bounces@gemeente.nl';

  it('wants a tagged bounce address and a way in, and the mailbox read without error', () => {
    expect(checkBounces({})).toMatchObject({ status: 'warning', reason: 'not-configured' });
    // A way in without the tag: every bounce would be ignored.
    expect(checkBounces({ BOUNCE_IMAP_URL: 'imaps://b:w@mail.gemeente.nl/INBOX' })).toMatchObject({ status: 'error', reason: 'no-tag' });
    expect(checkBounces({ BOUNCE_SMTP_PORT: 2525 })).toMatchObject({ status: 'error', reason: 'no-tag' });
    expect(checkBounces({ MAIL_BOUNCE_ADDRESS: address })).toMatchObject({ status: 'warning', reason: 'no-receiver' });
    expect(checkBounces({ MAIL_BOUNCE_ADDRESS: address, BOUNCE_SMTP_PORT: 2525 })).toMatchObject({ status: 'ok', reason: 'ok', port: 2525 });
    const imap = { MAIL_BOUNCE_ADDRESS: address, BOUNCE_IMAP_URL: 'imaps://b:w@mail.gemeente.nl/INBOX' };
    expect(checkBounces(imap)).toMatchObject({ status: 'warning', reason: 'mailbox-not-read' });
    const failed = checkBounces(imap, run('Invalid credentials (Failure)'));
    expect(failed).toMatchObject({ status: 'error', reason: 'mailbox-failed', detail: 'Invalid credentials (Failure)' });
    expect(explained(failed).summary).toContain('Invalid credentials');
    const read = checkBounces(imap, run(null));
    expect(read).toMatchObject({ status: 'ok', lastRead: '2026-12-01T10:00:01.000Z' });
    expect(explained(read).summary).toContain('de mailbox is gelezen op');
  });
});

describe('the SMTP part of the check', () => {
  const smtp = useSmtpServer();

  it('logs in to a working server, and names the error of a closed port quickly', async () => {
    expect(await checkSmtp(smtp.url)).toEqual({ part: 'smtp', status: 'ok', reason: 'ok' });
    const closed = await closedPort();
    const started = Date.now();
    const failed = await checkSmtp(`smtp://127.0.0.1:${closed}`, { connectionMs: 1000, greetingMs: 1000, socketMs: 1000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(failed).toMatchObject({ part: 'smtp', status: 'error', reason: 'failed' });
    expect(explained(failed).summary).toMatch(/^Verbinden of inloggen bij de SMTP-server lukte niet: .*ECONNREFUSED/);
  });
});

/** A port nothing listens on: opened and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('/admin/mail', () => {
  const smtp = useSmtpServer();

  async function appWith(records: Record<string, string[][]>) {
    // Each test its own in-memory database; the key is the one generated beside `databasePath`.
    const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Gemeente <enquete@gemeente.nl>', DKIM_DOMAIN: 'gemeente.nl', DKIM_SELECTOR: 'mh1', DKIM_PRIVATE_KEY_FILE: generatedDkimKeyPath(databasePath, 'mh1') };
    const ctx = createTestContext(env);
    // The test context's own app has the system's DNS: this one gets the local records.
    const config = loadConfig({ ...env, PUBLIC_URL: 'http://meethuis.test' });
    let woken = 0;
    const app = createApp({ db: ctx.db, config, clock: ctx.clock, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mailbox: false, dnsResolver: localResolver(records), onMailQueued: () => woken++ });
    allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
    const admin = await createStaff(ctx.db, ctx.clock, 'admin');
    const manager = await createStaff(ctx.db, ctx.clock, 'manager');
    const asAdmin = asStaff(app, (await login(app, admin.email)).cookie!);
    const asManager = asStaff(app, (await login(app, manager.email)).cookie!);
    return { ...ctx, asAdmin, asManager, woken: () => woken };
  }

  const statusOf = (html: string, part: string) => new RegExp(`data-check="${part}" data-status="(\\w+)"`).exec(html)?.[1];

  it('shows each result with its Dutch explanation to an admin; a manager gets 403', async () => {
    const good = await appWith(goodRecords());
    const page = await good.asAdmin('/admin/mail');
    expect(page.status).toBe(200);
    const html = unescapeHtml(await page.text());
    expect(['spf', 'dkim', 'dmarc', 'smtp'].map((part) => statusOf(html, part))).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(html).toContain('De DKIM-sleutel op mh1._domainkey.gemeente.nl hoort bij de sleutel waarmee meethuis ondertekent.');
    expect(html).toContain('Verbinden en inloggen bij de SMTP-server lukt.');
    expect(html).toContain('href="/admin/mail" aria-current="page"');
    expect((await good.asManager('/admin/mail')).status).toBe(403);

    const records = goodRecords();
    delete records[dkimRecord.name];
    records['_dmarc.gemeente.nl'] = [['v=DMARC1; p=none']];
    const bad = unescapeHtml(await (await (await appWith(records)).asAdmin('/admin/mail')).text());
    expect(['spf', 'dkim', 'dmarc'].map((part) => statusOf(bad, part))).toEqual(['ok', 'error', 'warning']);
    expect(bad).toContain('Er staat geen DKIM-sleutel op mh1._domainkey.gemeente.nl.');
    expect(bad).toContain('heeft een DMARC-record met beleid "none"');
  });

  it('queues a test mail marked as such, audits it and shows its state; a wrong address is re-shown with an error', async () => {
    const ctx = await appWith(goodRecords());
    const wrong = await ctx.asAdmin('/admin/mail/testmail', { method: 'POST', body: new URLSearchParams({ adres: 'geen-adres' }) });
    expect(wrong.status).toBe(422);
    const wrongHtml = unescapeHtml(await wrong.text());
    expect(wrongHtml).toContain(nl.mailCheck.testAddressError);
    expect(wrongHtml).toContain('value="geen-adres"');
    expect(ctx.db.select().from(outbox).all().filter((mail) => mail.kind === 'setup-test')).toHaveLength(0);

    const sent = await ctx.asAdmin('/admin/mail/testmail', { method: 'POST', body: new URLSearchParams({ adres: 'beheer@gemeente.nl' }) });
    expect(sent.status).toBe(303);
    const mail = ctx.db.select().from(outbox).all().find((row) => row.kind === 'setup-test')!;
    expect(sent.headers.get('location')).toBe(`/admin/mail?testmail=${mail.id}`);
    expect(mail).toMatchObject({ toAddress: 'beheer@gemeente.nl', status: 'queued', subject: 'Testmail van meethuis (Gemeente Voorbeeld)' });
    expect(mail.headers['X-Meethuis-Test']).toBe('mail-setup-check');
    expect(ctx.woken()).toBe(1);
    expect(ctx.db.select().from(auditLog).all().filter((row) => row.action === 'mail.test-queued').map((row) => row.object)).toEqual([`outbox:${mail.id}`]);
    const shown = unescapeHtml(await (await ctx.asAdmin(`/admin/mail?testmail=${mail.id}`)).text());
    expect(shown).toContain(nl.mailCheck.testQueued(mail.id));
  });
});
