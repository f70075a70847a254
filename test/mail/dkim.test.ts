import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { dkimDnsRecord, dkimPublicKey, generateDkimKey, generatedDkimKeyPath, loadDkimSigning, type DkimSigning } from '../../src/mail/dkim';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { spawnCli } from '../helpers/cli';
import { localResolver } from '../helpers/dns';
import { useSmtpServer } from '../helpers/smtp';
import { caseClosedEvent, createTestContext } from '../helpers/test-context';

const dataDir = mkdtempSync(join(tmpdir(), 'meethuis-dkim-'));
const keyPath = generatedDkimKeyPath(join(dataDir, 'meethuis.db'), 'sel1');

describe('DKIM signing of outgoing mail', () => {
  const smtp = useSmtpServer();
  let signing: DkimSigning;
  let transport: MailTransport;

  beforeAll(() => {
    generateDkimKey(keyPath);
    signing = loadDkimSigning(loadConfig({ DATABASE_PATH: join(dataDir, 'meethuis.db'), DKIM_DOMAIN: 'gemeente.nl', DKIM_SELECTOR: 'sel1' }))!;
    transport = createMailTransport({ smtpUrl: smtp.url, from: 'Gemeente <enquete@gemeente.nl>', dkim: signing });
  });
  afterAll(() => transport.close());

  it('signs every mail so that a receiver verifies it with the published key; a changed body fails; a resend keeps its Message-ID', async () => {
    const ctx = createTestContext({ SMTP_URL: smtp.url, MAIL_FROM: 'Gemeente <enquete@gemeente.nl>' });
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    expect(await deliverDueMails(ctx.db, transport, ctx)).toMatchObject({ sent: 1 });
    // A crash after the server accepted the mail but before it was marked sent: it goes again.
    ctx.db.$client.prepare("UPDATE outbox SET status = 'queued', text_body = 'x' WHERE kind = 'invitation'").run();
    await deliverDueMails(ctx.db, transport, ctx);
    await smtp.waitFor(2);
    const [first, second] = smtp.received;
    expect(second!.messageId).toBe(first!.messageId);

    const record = dkimDnsRecord(signing);
    expect(record.name).toBe('sel1._domainkey.gemeente.nl');
    const resolver = localResolver({ [record.name]: [record.strings] });
    const raw = smtp.receivedRaw[0]!;
    const verified = await dkimVerify(raw, { resolver });
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]!.status.result).toBe('pass');
    expect(verified.results[0]!.signingDomain).toBe('gemeente.nl');

    const tampered = Buffer.from(raw.toString('utf8').replace(/\/s\/[A-Za-z0-9_-]+/, '/s/vervalst'));
    expect(tampered.equals(raw)).toBe(false);
    // mailauth reports a changed body as "neutral, body hash did not verify": not a pass.
    expect((await dkimVerify(tampered, { resolver })).results[0]!.status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
    // Another key published under the selector: the signature no longer verifies either.
    const otherKey = dkimDnsRecord({ ...signing, privateKey: generateDkimKey(join(dataDir, 'other.pem')) });
    expect((await dkimVerify(raw, { resolver: localResolver({ [record.name]: [otherKey.strings] }) })).results[0]!.status.result).toBe('fail');
  });

  it('stops the start with one line when the configured key is missing or not a key', () => {
    const base = { DATABASE_PATH: join(dataDir, 'meethuis.db'), DKIM_DOMAIN: 'gemeente.nl' };
    expect(() => loadDkimSigning(loadConfig({ ...base, DKIM_SELECTOR: 'ontbreekt' }))).toThrow(/cannot be read: ENOENT \(generate it with: npm run cli -- mail dkim-key --selector ontbreekt\)/);
    expect(() => loadDkimSigning(loadConfig({ ...base, DKIM_SELECTOR: 'sel1', DKIM_PRIVATE_KEY_FILE: join(dataDir, '..') }))).toThrow(/cannot be read/);
    const notAKey = join(dataDir, 'dkim', 'sel1.pem.txt');
    writeFileSync(notAKey, 'geen sleutel');
    expect(() => loadDkimSigning(loadConfig({ ...base, DKIM_SELECTOR: 'sel1', DKIM_PRIVATE_KEY_FILE: notAKey }))).toThrow(/is not a usable RSA private key/);
    expect(() => loadConfig({ DKIM_DOMAIN: 'gemeente.nl' })).toThrow(/DKIM_SELECTOR: DKIM_DOMAIN and DKIM_SELECTOR are set together/);
    expect(loadDkimSigning(loadConfig({}))).toBeUndefined();
  });
});

describe('npm run cli -- mail dkim-key', () => {
  it('writes a 0600 key and prints the TXT record whose p= is that key; refuses to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-dkim-cli-'));
    const databasePath = join(dir, 'meethuis.db');
    const env = { MAIL_FROM: 'Gemeente <enquete@gemeente.nl>' };
    const result = await spawnCli(databasePath, ['mail', 'dkim-key', '--selector', 'mh2026'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const path = generatedDkimKeyPath(databasePath, 'mh2026');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const pem = readFileSync(path, 'utf8');
    const line = result.stdout.split('\n').find((text) => text.startsWith('mh2026._domainkey.gemeente.nl. TXT '))!;
    const strings = [...line.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
    expect(strings.length).toBeGreaterThan(1);
    expect(strings.every((part) => part.length <= 255)).toBe(true);
    expect(strings.join('')).toBe(`v=DKIM1; k=rsa; p=${dkimPublicKey(pem)}`);
    expect(result.stdout).toContain('DKIM_DOMAIN=gemeente.nl\nDKIM_SELECTOR=mh2026');
    // The key is usable: a config naming it loads.
    expect(loadDkimSigning(loadConfig({ DATABASE_PATH: databasePath, DKIM_DOMAIN: 'gemeente.nl', DKIM_SELECTOR: 'mh2026' }))!.privateKey).toBe(pem);

    const again = await spawnCli(databasePath, ['mail', 'dkim-key', '--selector', 'mh2026'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(path, 'utf8')).toBe(pem);
    const forced = await spawnCli(databasePath, ['mail', 'dkim-key', '--selector', 'mh2026', '--force'], env);
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).not.toBe(pem);
  });
});
