import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { generateToken } from '../tokens';

const PERIOD = 30;

function totp(secretBase32: string, label = 'meethuis') {
  return new TOTP({ issuer: 'meethuis', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * Checks a 6-digit code (RFC 6238, ±1 step for clock drift). Returns the accepted time step, or
 * undefined; a step at or before `lastStep` is refused so a code cannot be replayed.
 */
export function verifyTotp(secretBase32: string, code: string, now: Date, lastStep: number | null): number | undefined {
  const digits = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return undefined;
  const delta = totp(secretBase32).validate({ token: digits, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/** For tests and the enrolment preview: the code an authenticator app shows at this moment. */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/** Ten recovery codes like "k7d2-9xqe-w4m1"; only their hashes are stored. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () =>
    generateToken()
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()
      .slice(0, 12)
      .replace(/(.{4})(?=.)/g, '$1-'),
  );
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
