import { createHmac } from 'node:crypto';

export interface ZgwJwtClaims {
  clientId: string;
  /** Whose request this is, for the ZGW audit trail. */
  userId: string;
  userRepresentation: string;
  issuedAt: Date;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * `iat` lies this far in the past: Open Zaak decodes with PyJWT and TIME_LEEWAY 0, so a clock a
 * second ahead of the server's would make every token "not yet valid (iat)" — a 403 on every request.
 */
export const JWT_BACKDATE_SECONDS = 30;
/** `exp` this far after the moment of signing: a token is made per request, so it need not live long. */
export const JWT_LIFETIME_SECONDS = 10 * 60;

/**
 * A ZGW JWT (Open Zaak, Open Notificaties): HS256 over {iss, iat, exp, client_id, user_id,
 * user_representation} with the secret shared for this client id. Made fresh for every request:
 * Open Zaak refuses tokens an hour past their `iat`.
 */
export function signZgwJwt(secret: string, claims: ZgwJwtClaims): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(
    JSON.stringify({
      iss: claims.clientId,
      iat: Math.floor(claims.issuedAt.getTime() / 1000) - JWT_BACKDATE_SECONDS,
      exp: Math.floor(claims.issuedAt.getTime() / 1000) + JWT_LIFETIME_SECONDS,
      client_id: claims.clientId,
      user_id: claims.userId,
      user_representation: claims.userRepresentation,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
