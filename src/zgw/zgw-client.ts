import type { Clock } from '../clock';
import { nl } from '../texts';
import { signZgwJwt } from './jwt';
import type { ZgwCredentials } from './subscriptions';

export type ZgwApi = 'zaken' | 'catalogi' | 'klantinteracties';

/** The API answered with an error status (403, 404, 500 …): recorded and retried. */
export class ZgwHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} — GET ${url}`);
  }
}

/** No answer in time, no connection, or an answer that is not the JSON we need: retried. */
export class ZgwUnavailableError extends Error {}

/** The subscription cannot work as configured (e.g. no Open Klant token): failed at once, not retried. */
export class ZgwConfigurationError extends Error {}

/**
 * A URL outside the subscription's configured APIs. We never send our token there (a forged
 * notification could otherwise make us hand it to any host): the notification is skipped.
 */
export class ZgwForeignUrlError extends Error {
  constructor(readonly url: string) {
    super(`Not within the subscription's APIs: ${url}`);
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_BODY_CHARS = 5_000_000;
/**
 * A list is read to its end or not at all: past this many pages (100 000 zaken at Open Zaak's
 * 100 a page) it is an error the caller reports, never a silently shortened list.
 */
export const MAX_LIST_PAGES = 1000;
export const USER_ID = 'meethuis';
export const USER_REPRESENTATION = 'meethuis (klantfeedback)';

/** Whether `url` lies under `base` (same origin, path below the base path). */
export function isWithin(base: string, url: string): boolean {
  try {
    const root = new URL(base);
    const target = new URL(url);
    const basePath = root.pathname.replace(/\/+$/, '');
    return target.origin === root.origin && (target.pathname === basePath || target.pathname.startsWith(`${basePath}/`));
  } catch {
    return false;
  }
}

export interface ZgwClientOptions {
  clock: Clock;
  timeoutMs?: number;
}

/** Reads the ZGW APIs of one subscription: a fresh JWT for every request, a timeout on every request. */
export class ZgwClient {
  constructor(
    private readonly credentials: ZgwCredentials,
    private readonly options: ZgwClientOptions,
  ) {}

  baseOf(api: ZgwApi): string | null {
    if (api === 'zaken') return this.credentials.zakenApi;
    if (api === 'catalogi') return this.credentials.catalogiApi;
    return this.credentials.klantinteractiesApi;
  }

  /** The configured API `url` lies within, if any. */
  apiOf(url: string): ZgwApi | undefined {
    return (['zaken', 'catalogi', 'klantinteracties'] as const).find((api) => {
      const base = this.baseOf(api);
      return base !== null && isWithin(base, url);
    });
  }

  private authorization(api: ZgwApi): string {
    // Open Klant accepts only its own "Token" keys, never a ZGW JWT (TokenAuthentication on every viewset).
    if (api === 'klantinteracties') {
      if (!this.credentials.klantinteractiesToken) throw new ZgwConfigurationError(nl.zgw.errors.tokenMissing);
      return `Token ${this.credentials.klantinteractiesToken}`;
    }
    const token = signZgwJwt(this.credentials.secret, {
      clientId: this.credentials.clientId,
      userId: USER_ID,
      userRepresentation: USER_REPRESENTATION,
      issuedAt: this.options.clock.now(),
    });
    return `Bearer ${token}`;
  }

  /** GET a resource of one of the subscription's APIs as JSON. */
  async get(api: ZgwApi, url: string, init: { query?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<unknown> {
    const base = this.baseOf(api);
    if (!base || !isWithin(base, url)) throw new ZgwForeignUrlError(url);
    const target = new URL(url);
    for (const [key, value] of Object.entries(init.query ?? {})) target.searchParams.set(key, value);
    const href = target.href;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const authorization = this.authorization(api);
    let response: Response;
    try {
      response = await fetch(href, {
        headers: { Accept: 'application/json', ...init.headers, Authorization: authorization },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new ZgwUnavailableError(`no answer within ${timeoutMs / 1000} s — GET ${href}`);
      const cause = (error as { cause?: { code?: string } })?.cause?.code;
      throw new ZgwUnavailableError(`${cause ?? 'network error'} — GET ${href}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const name = (error as Error)?.name;
      throw new ZgwUnavailableError(`${name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'answer broken off'} — GET ${href}`);
    }
    if (!response.ok) throw new ZgwHttpError(response.status, href);
    if (text.length > MAX_BODY_CHARS) throw new ZgwUnavailableError(`answer too large — GET ${href}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ZgwUnavailableError(`answer is not JSON — GET ${href}`);
    }
  }

  /**
   * Every item of a list: a paginated `{count, next, results}` (following `next` within the same
   * API) or a plain array, as older API versions answer.
   */
  async list(api: ZgwApi, url: string, init: { query?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<unknown[]> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let page: unknown = await this.get(api, url, init);
    for (let pages = 1; ; pages++) {
      if (Array.isArray(page)) return [...items, ...page];
      const body = page as { results?: unknown; next?: unknown };
      if (!body || typeof body !== 'object' || !Array.isArray(body.results)) throw new ZgwUnavailableError(`not a list — GET ${url}`);
      items.push(...body.results);
      if (typeof body.next !== 'string' || !body.next) return items;
      if (pages >= MAX_LIST_PAGES) throw new ZgwUnavailableError(`the list has more than ${MAX_LIST_PAGES} pages; not read to the end — GET ${url}`);
      if (seen.has(body.next)) throw new ZgwUnavailableError(`the list points back to a page already read (${body.next}) — GET ${url}`);
      seen.add(body.next);
      page = await this.get(api, body.next, { headers: init.headers });
    }
  }
}
