import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type Config } from '../config';

/** What nodemailer signs with (its `dkim` option). */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

type DkimConfig = Pick<Config, 'DATABASE_PATH' | 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY_FILE'>;

/** Where `mail dkim-key` keeps a generated key: beside the database, like secrets.json. */
export function generatedDkimKeyPath(databasePath: string, selector: string): string {
  return join(dirname(resolve(databasePath)), 'dkim', `${selector}.pem`);
}

/** The key file in use: DKIM_PRIVATE_KEY_FILE, or the generated one for the selector. */
export function dkimKeyPath(config: DkimConfig & { DKIM_SELECTOR: string }): string {
  return config.DKIM_PRIVATE_KEY_FILE ?? generatedDkimKeyPath(config.DATABASE_PATH, config.DKIM_SELECTOR);
}

/**
 * The signing settings when DKIM is configured, undefined when not. A configured key that cannot
 * be read or is no RSA private key stops the start (ConfigError, one line): mail must not go out
 * unsigned while the operator believes it is signed.
 */
export function loadDkimSigning(config: DkimConfig): DkimSigning | undefined {
  if (!config.DKIM_DOMAIN || !config.DKIM_SELECTOR) return undefined;
  const path = dkimKeyPath({ ...config, DKIM_SELECTOR: config.DKIM_SELECTOR });
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const generate = config.DKIM_PRIVATE_KEY_FILE ? '' : ` (generate it with: npm run cli -- mail dkim-key --selector ${config.DKIM_SELECTOR})`;
    throw new ConfigError(`DKIM key ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}${generate}`);
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`a ${key.asymmetricKeyType} key, not RSA`);
  } catch (error) {
    throw new ConfigError(`DKIM key ${path} is not a usable RSA private key (PEM): ${(error as Error).message}`);
  }
  return { domainName: config.DKIM_DOMAIN, keySelector: config.DKIM_SELECTOR, privateKey: pem };
}

export class DkimKeyExistsError extends Error {}

/** A new RSA 2048 key in PEM, written with mode 0600; an existing file is kept unless `force`. */
export function generateDkimKey(path: string, options: { force?: boolean } = {}): string {
  if (existsSync(path) && !options.force) {
    throw new DkimKeyExistsError(`${path} already exists: mail signed with it would no longer verify once it is replaced. Use --force to replace it anyway (and publish the new DNS record).`);
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600 });
  renameSync(temporary, path);
  return pem;
}

/** The p= value of the DNS record: the public key as base64 DER (SubjectPublicKeyInfo). */
export function dkimPublicKey(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** The TXT record to publish, its value split into strings of at most 255 characters as DNS requires. */
export function dkimDnsRecord(signing: DkimSigning): { name: string; value: string; strings: string[] } {
  const value = `v=DKIM1; k=rsa; p=${dkimPublicKey(signing.privateKey)}`;
  const strings: string[] = [];
  for (let start = 0; start < value.length; start += 255) strings.push(value.slice(start, start + 255));
  return { name: `${signing.keySelector}._domainkey.${signing.domainName}`, value, strings };
}

/** The domain of the address in MAIL_FROM ("Naam <noreply@gemeente.nl>" → gemeente.nl). */
export function mailFromDomain(mailFrom: string): string | undefined {
  return /@([^>\s@]+)>?\s*$/.exec(mailFrom)?.[1]?.toLowerCase();
}

/**
 * DMARC passes on DKIM only when the signing domain matches the From domain (relaxed: one is the
 * other or a subdomain of it; an approximation of "same organisational domain" without a suffix list).
 */
export function dkimAligned(dkimDomain: string, fromDomain: string): boolean {
  return dkimDomain === fromDomain || fromDomain.endsWith(`.${dkimDomain}`) || dkimDomain.endsWith(`.${fromDomain}`);
}
