/**
 * A ZGW test server on an ephemeral port (node:http): the parts of the Zaken API 1.5, Catalogi
 * API 1.3 and Klantinteracties API that meethuis reads, with the payload shapes of the standards.
 * It checks every request's authorisation as Open Zaak does: an HS256 JWT signed with the client's
 * secret carrying iss, iat, client_id, user_id and user_representation (Open Klant: "Token <key>").
 * Outages, slow answers and error statuses can be switched on per path prefix.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'meethuis-test';
export const CLIENT_SECRET = 'zgw-test-secret-with-enough-length';
export const OPEN_KLANT_TOKEN = 'open-klant-test-token-1234567890';

export interface ZgwRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  acceptCrs?: string;
  /** The verified JWT claims (Zaken/Catalogi) or 'token' (Open Klant). */
  claims?: Record<string, unknown> | 'token';
}

interface Fault {
  prefix: string;
  status?: number;
  /** Never answers within the client's timeout. */
  hang?: boolean;
  remaining: number;
}

const base64urlJson = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

export class ZgwTestServer {
  private server: Server;
  private faults: Fault[] = [];
  readonly requests: ZgwRequest[] = [];
  /** Rejected authorisations, with why: must stay empty unless a test provokes them. */
  readonly authFailures: string[] = [];
  readonly resources = new Map<string, unknown>();
  /** Rollen by zaak URL; betrokkenen by klantcontact URL. */
  readonly rollen = new Map<string, unknown[]>();
  readonly betrokkenen = new Map<string, unknown[]>();
  url = '';
  /** The server's "now" for checking `iat` (the app runs on a test clock). */
  now: () => Date = () => new Date();

  constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get zakenApi() {
    return `${this.url}/zaken/api/v1`;
  }
  get catalogiApi() {
    return `${this.url}/catalogi/api/v1`;
  }
  get klantinteractiesApi() {
    return `${this.url}/klantinteracties/api/v1`;
  }

  /** The next `times` requests under `prefix` (a path such as "/zaken/api/v1/statussen") fail. */
  fail(prefix: string, status: number, times = 1) {
    this.faults.push({ prefix, status, remaining: times });
  }

  /** The next `times` requests under `prefix` get no answer (the client must time out). */
  hang(prefix: string, times = 1) {
    this.faults.push({ prefix, hang: true, remaining: times });
  }

  /** Forgets faults and the requests seen; `everything` also forgets the resources. */
  reset(everything = false) {
    this.faults = [];
    this.requests.length = 0;
    this.authFailures.length = 0;
    if (everything) {
      this.resources.clear();
      this.rollen.clear();
      this.betrokkenen.clear();
    }
  }

  // ── Fixtures in the shapes of the standards ──────────────────────────────────────────────

  zaaktype(options: { identificatie: string; omschrijving?: string }) {
    const uuid = randomUUID();
    const url = `${this.catalogiApi}/zaaktypen/${uuid}`;
    this.resources.set(url, {
      url,
      identificatie: options.identificatie,
      omschrijving: options.omschrijving ?? options.identificatie,
      vertrouwelijkheidaanduiding: 'openbaar',
      doel: 'Test',
      aanleiding: 'Test',
      indicatieInternOfExtern: 'extern',
      handelingInitiator: 'aanvragen',
      onderwerp: 'Test',
      handelingBehandelaar: 'behandelen',
      doorlooptijd: 'P30D',
      opschortingEnAanhoudingMogelijk: false,
      verlengingMogelijk: false,
      publicatieIndicatie: false,
      productenOfDiensten: [],
      referentieproces: { naam: 'Test' },
      catalogus: `${this.catalogiApi}/catalogussen/${randomUUID()}`,
      statustypen: [],
      beginGeldigheid: '2026-01-01',
      versiedatum: '2026-01-01',
      concept: false,
    });
    return url;
  }

  statustype(zaaktype: string, options: { eind: boolean; volgnummer?: number; omschrijving?: string }) {
    const url = `${this.catalogiApi}/statustypen/${randomUUID()}`;
    this.resources.set(url, {
      url,
      omschrijving: options.omschrijving ?? (options.eind ? 'Afgehandeld' : 'In behandeling'),
      omschrijvingGeneriek: '',
      statustekst: '',
      zaaktype,
      zaaktypeIdentificatie: '',
      volgnummer: options.volgnummer ?? (options.eind ? 9 : 2),
      isEindstatus: options.eind,
      informeren: false,
      doorlooptijd: null,
      toelichting: '',
      checklistitemStatustype: [],
      catalogus: '',
      eigenschappen: [],
      zaakobjecttypen: [],
      beginGeldigheid: null,
      eindeGeldigheid: null,
      beginObject: null,
      eindeObject: null,
    });
    return url;
  }

  /** A zaak with (optionally) an initiator whose contactpersoonRol has this e-mail address. */
  zaak(options: {
    zaaktype: string;
    identificatie: string;
    startdatum?: string;
    registratiedatum?: string;
    einddatum?: string | null;
    communicatiekanaalNaam?: string;
    email?: string | null;
  }) {
    const uuid = randomUUID();
    const url = `${this.zakenApi}/zaken/${uuid}`;
    this.resources.set(url, {
      url,
      uuid,
      identificatie: options.identificatie,
      bronorganisatie: '002564440',
      omschrijving: '',
      toelichting: '',
      zaaktype: options.zaaktype,
      registratiedatum: options.registratiedatum ?? options.startdatum ?? '2026-11-01',
      verantwoordelijkeOrganisatie: '002564440',
      startdatum: options.startdatum ?? '2026-11-01',
      einddatum: options.einddatum ?? null,
      einddatumGepland: null,
      uiterlijkeEinddatumAfdoening: null,
      publicatiedatum: null,
      communicatiekanaal: '',
      communicatiekanaalNaam: options.communicatiekanaalNaam ?? '',
      productenOfDiensten: [],
      vertrouwelijkheidaanduiding: 'openbaar',
      betalingsindicatie: '',
      betalingsindicatieWeergave: '',
      laatsteBetaaldatum: null,
      zaakgeometrie: null,
      verlenging: null,
      opschorting: { indicatie: false, reden: '' },
      selectielijstklasse: '',
      hoofdzaak: null,
      deelzaken: [],
      relevanteAndereZaken: [],
      eigenschappen: [],
      rollen: [],
      status: null,
      zaakinformatieobjecten: [],
      zaakobjecten: [],
      kenmerken: [],
      archiefnominatie: null,
      archiefstatus: 'nog_te_archiveren',
      archiefactiedatum: null,
      resultaat: null,
      opdrachtgevendeOrganisatie: '',
    });
    const rollen: unknown[] = [
      // A behandelaar with an address of its own: never the one to invite.
      this.rol(url, 'behandelaar', 'medewerker@gemeente.test'),
    ];
    if (options.email !== null) rollen.push(this.rol(url, 'initiator', options.email));
    this.rollen.set(url, rollen);
    return url;
  }

  private rol(zaak: string, omschrijvingGeneriek: string, email: string | undefined) {
    const url = `${this.zakenApi}/rollen/${randomUUID()}`;
    return {
      url,
      uuid: url.split('/').at(-1),
      zaak,
      betrokkene: '',
      betrokkeneType: omschrijvingGeneriek === 'initiator' ? 'natuurlijk_persoon' : 'medewerker',
      afwijkendeNaamBetrokkene: '',
      roltype: `${this.catalogiApi}/roltypen/${randomUUID()}`,
      omschrijving: omschrijvingGeneriek === 'initiator' ? 'Aanvrager' : 'Behandelaar',
      omschrijvingGeneriek,
      roltoelichting: '',
      registratiedatum: '2026-11-01T09:00:00Z',
      indicatieMachtiging: '',
      contactpersoonRol: email === undefined ? null : { emailadres: email, functie: '', telefoonnummer: '', naam: 'J. Jansen' },
      statussen: [],
      betrokkeneIdentificatie:
        omschrijvingGeneriek === 'initiator'
          ? { inpBsn: '999993653', anpIdentificatie: '', inpA_nummer: '', geslachtsnaam: 'Jansen', voorvoegselGeslachtsnaam: '', voorletters: 'J', voornamen: 'Jan', geslachtsaanduiding: 'm', geboortedatum: '1960-01-01', verblijfsadres: null, subVerblijfBuitenland: null }
          : { identificatie: 'mdw1', achternaam: 'Medewerker', voorletters: 'M', voorvoegselAchternaam: '' },
    };
  }

  /** A new status on the zaak (resource `status`), as the Zaken API stores it. */
  status(zaak: string, statustype: string, datumStatusGezet = '2026-11-20T14:03:00Z') {
    const uuid = randomUUID();
    const url = `${this.zakenApi}/statussen/${uuid}`;
    this.resources.set(url, {
      url,
      uuid,
      zaak,
      statustype,
      datumStatusGezet,
      statustoelichting: '',
      indicatieLaatstGezetteStatus: true,
      gezetdoor: null,
      zaakinformatieobjecten: [],
    });
    return url;
  }

  /** An Open Klant klantcontact with one betrokkene (the citizen) and their digital addresses. */
  klantcontact(options: { onderwerp: string; kanaal: string; nummer: string; email?: string | null; expand?: boolean; plaatsgevondenOp?: string }) {
    const uuid = randomUUID();
    const url = `${this.klantinteractiesApi}/klantcontacten/${uuid}`;
    const betrokkeneUrl = `${this.klantinteractiesApi}/betrokkenen/${randomUUID()}`;
    const addresses = [
      { soort: 'telefoonnummer', adres: '0612345678' },
      ...(options.email ? [{ soort: 'email', adres: options.email }] : []),
    ].map((address) => {
      const addressUrl = `${this.klantinteractiesApi}/digitaleadressen/${randomUUID()}`;
      const body = {
        uuid: addressUrl.split('/').at(-1),
        url: addressUrl,
        verstrektDoorBetrokkene: { uuid: betrokkeneUrl.split('/').at(-1), url: betrokkeneUrl },
        verstrektDoorPartij: null,
        adres: address.adres,
        soortDigitaalAdres: address.soort,
        isStandaardAdres: true,
        omschrijving: '',
        referentie: '',
      };
      this.resources.set(addressUrl, body);
      return body;
    });
    this.resources.set(url, {
      uuid,
      url,
      gingOverOnderwerpobjecten: [],
      hadBetrokkenActoren: [],
      omvatteBijlagen: [],
      hadBetrokkenen: [{ uuid: betrokkeneUrl.split('/').at(-1), url: betrokkeneUrl }],
      leiddeTotInterneTaken: [],
      nummer: options.nummer,
      kanaal: options.kanaal,
      onderwerp: options.onderwerp,
      inhoud: 'Vraag over een aanvraag',
      indicatieContactGelukt: true,
      taal: 'nld',
      vertrouwelijk: false,
      plaatsgevondenOp: options.plaatsgevondenOp ?? '2026-11-20T10:15:00Z',
    });
    const betrokkene = {
      uuid: betrokkeneUrl.split('/').at(-1),
      url: betrokkeneUrl,
      wasPartij: null,
      hadKlantcontact: { uuid, url },
      digitaleAdressen: addresses.map((address) => ({ uuid: address.uuid, url: address.url })),
      bezoekadres: null,
      correspondentieadres: null,
      contactnaam: { voorletters: 'J', voornaam: 'Jan', voorvoegselAchternaam: '', achternaam: 'Jansen' },
      volledigeNaam: 'Jan Jansen',
      rol: 'klant',
      organisatienaam: '',
      initiator: true,
      ...(options.expand ? { _expand: { digitale_adressen: addresses } } : {}),
    };
    this.betrokkenen.set(url, [betrokkene]);
    return url;
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────────

  private verifyJwt(header: string | undefined): Record<string, unknown> | string {
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? '');
    if (!match) return 'no Bearer JWT';
    const [, head, payload, signature] = match as unknown as [string, string, string, string];
    const expected = createHmac('sha256', CLIENT_SECRET).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
    const headerJson = base64urlJson(head);
    if (headerJson.alg !== 'HS256') return `alg ${String(headerJson.alg)}`;
    const claims = base64urlJson(payload);
    if (claims.iss !== CLIENT_ID || claims.client_id !== CLIENT_ID) return 'wrong iss/client_id';
    if (typeof claims.user_id !== 'string' || !claims.user_id) return 'no user_id';
    if (typeof claims.user_representation !== 'string' || !claims.user_representation) return 'no user_representation';
    // As Open Zaak: commonground-api-common vng_api_common/authorizations/middleware.py (JWTAuth.payload)
    // decodes with PyJWT and leeway=settings.TIME_LEEWAY, 0 by default; PyJWT refuses an `iat` later
    // than now ("The token is not yet valid (iat)") and an `exp` not after now ("Signature has
    // expired"), and the middleware turns that into PermissionDenied (403). Open Zaak also refuses
    // tokens more than JWT_EXPIRY (an hour) past their `iat`.
    const now = this.now().getTime() / 1000;
    if (typeof claims.iat !== 'number') return 'missing iat';
    if (claims.iat > now) return 'The token is not yet valid (iat)';
    if (claims.iat < now - 3600) return 'stale iat';
    if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp <= now)) return 'Signature has expired';
    return claims;
  }

  private send(response: ServerResponse, status: number, body?: unknown) {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private page(response: ServerResponse, url: URL, items: unknown[], pageSize: number) {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const results = items.slice((page - 1) * pageSize, page * pageSize);
    const next = page * pageSize < items.length ? new URL(url) : null;
    next?.searchParams.set('page', String(page + 1));
    this.send(response, 200, { count: items.length, next: next?.href ?? null, previous: null, results });
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', this.url);
    const path = url.pathname;
    const entry: ZgwRequest = {
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      acceptCrs: request.headers['accept-crs'] as string | undefined,
    };
    this.requests.push(entry);

    const fault = this.faults.find((candidate) => candidate.remaining > 0 && path.startsWith(candidate.prefix));
    if (fault) {
      fault.remaining--;
      if (fault.hang) return; // never answered; the client's timeout ends it
      return this.send(response, fault.status!, { type: 'about:blank', title: 'Fout', status: fault.status, detail: 'Test' });
    }

    if (path.startsWith('/klantinteracties/')) {
      if (request.headers.authorization !== `Token ${OPEN_KLANT_TOKEN}`) {
        this.authFailures.push(`${path}: wrong token`);
        return this.send(response, 403, { detail: 'Authenticatiegegevens zijn niet opgegeven.' });
      }
      entry.claims = 'token';
    } else {
      const claims = this.verifyJwt(request.headers.authorization);
      if (typeof claims === 'string') {
        this.authFailures.push(`${path}: ${claims}`);
        // vng_api_common exception_handling: DRF PermissionDenied as problem details.
        return this.send(response, 403, { type: `${this.url}/ref/fouten/PermissionDenied/`, code: 'permission_denied', title: 'Je hebt geen toestemming om deze actie uit te voeren.', status: 403, detail: claims, instance: `urn:uuid:${randomUUID()}` });
      }
      entry.claims = claims;
    }

    // Zaken API: reading a zaak (and the list) requires Accept-Crs (412 Precondition Failed otherwise).
    if ((path.startsWith('/zaken/api/v1/zaken')) && request.headers['accept-crs'] !== 'EPSG:4326') {
      return this.send(response, 412, { detail: "'Accept-Crs' header ontbreekt" });
    }
    if (path === '/zaken/api/v1/rollen') {
      const items = (this.rollen.get(url.searchParams.get('zaak') ?? '') ?? []).filter(
        (rol) => !url.searchParams.get('omschrijvingGeneriek') || (rol as { omschrijvingGeneriek: string }).omschrijvingGeneriek === url.searchParams.get('omschrijvingGeneriek'),
      );
      return this.page(response, url, items, 100);
    }
    if (path === '/zaken/api/v1/zaken') {
      const after = url.searchParams.get('einddatum__gt');
      const before = url.searchParams.get('einddatum__lt');
      const items = [...this.resources.entries()]
        .filter(([key]) => key.startsWith(`${this.zakenApi}/zaken/`))
        .map(([, zaak]) => zaak as { einddatum: string | null })
        .filter((zaak) => zaak.einddatum && (!after || zaak.einddatum > after) && (!before || zaak.einddatum < before));
      // Small pages, so the client must follow `next`.
      return this.page(response, url, items, 2);
    }
    if (path === '/klantinteracties/api/v1/betrokkenen') {
      return this.page(response, url, this.betrokkenen.get(url.searchParams.get('hadKlantcontact__url') ?? '') ?? [], 100);
    }
    const resource = this.resources.get(`${this.url}${path}`);
    if (!resource) return this.send(response, 404, { type: 'about:blank', code: 'not_found', title: 'Niet gevonden.', status: 404 });
    this.send(response, 200, resource);
  }
}

/** A notification exactly as Open Notificaties delivers it. */
export function statusNotification(zaak: string, status: string, zaaktype: string, aanmaakdatum = '2026-11-20T14:03:01Z') {
  return {
    kanaal: 'zaken',
    hoofdObject: zaak,
    resource: 'status',
    resourceUrl: status,
    actie: 'create',
    aanmaakdatum,
    kenmerken: { bronorganisatie: '002564440', zaaktype, 'zaaktype.catalogus': '', vertrouwelijkheidaanduiding: 'openbaar' },
  };
}

export function klantcontactNotification(klantcontact: string) {
  return {
    kanaal: 'klantcontacten',
    source: 'open-klant',
    hoofdObject: klantcontact,
    resource: 'klantcontact',
    resourceUrl: klantcontact,
    actie: 'create',
    aanmaakdatum: '2026-11-20T10:16:00Z',
    kenmerken: {},
  };
}
