/**
 * A ZGW test server on an ephemeral port (node:http): the parts of the Zaken API 1.5, Catalogi
 * API 1.3 and Klantinteracties API that meethuis reads, shaped as Open Zaak 1.30 and Open Klant
 * 2.18 answer (../shared/reference/zgw-real-payloads.json names the fixture or serializer of each
 * shape). It checks every request's authorisation as Open Zaak does: an HS256 JWT signed with the
 * client's secret carrying iss, iat, client_id, user_id and user_representation; Open Klant accepts
 * only "Authorization: Token <key>". Unknown query parameters get Open Zaak's and Open Klant's 400.
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
const uuidOf = (url: string) => url.split('/').at(-1)!;
const ref = (url: string) => ({ uuid: uuidOf(url), url });

/**
 * The catalogus of each zaaktype any test server made, so a notification can carry the
 * `zaaktype.catalogus` kenmerk Open Zaak fills (open-zaak components/zaken/api/kanalen.py).
 */
const catalogusOfZaaktype = new Map<string, string>();

/**
 * The query parameters each list endpoint accepts; anything else is a 400, as the real servers'
 * CheckQueryParamsMixin answers (vng_api_common viewsets.py; Open Zaak components/zaken/api/viewsets.py,
 * Open Klant klantinteracties/api/viewsets). The real filter sets are larger; this server accepts
 * only the ones it applies, so a test cannot pass on a filter that is silently not applied.
 */
const LIST_PARAMS: Record<string, string[]> = {
  '/zaken/api/v1/rollen': ['zaak', 'omschrijvingGeneriek', 'page', 'pageSize'],
  '/zaken/api/v1/zaken': ['einddatum', 'einddatum__gt', 'einddatum__lt', 'einddatum__isnull', 'page', 'pageSize'],
  '/klantinteracties/api/v1/betrokkenen': ['hadKlantcontact__url', 'expand', 'page', 'pageSize'],
  '/klantinteracties/api/v1/digitaleadressen': ['verstrektDoorPartij__url', 'verstrektDoorBetrokkene__url', 'page', 'pageSize'],
};
/** Detail reads accept only `expand` (Open Klant; Open Zaak ≥ 1.11). */
const DETAIL_PARAMS = ['expand'];

interface DigitaalAdres {
  uuid: string;
  url: string;
  verstrektDoorBetrokkene: { uuid: string; url: string } | null;
  verstrektDoorPartij: { uuid: string; url: string } | null;
  adres: string;
  soortDigitaalAdres: 'email' | 'telefoonnummer' | 'overig';
  isStandaardAdres: boolean;
  omschrijving: string;
  referentie: string;
  verificatieDatum: null;
}

export class ZgwTestServer {
  private server: Server;
  private faults: Fault[] = [];
  readonly requests: ZgwRequest[] = [];
  /** Rejected authorisations, with why: must stay empty unless a test provokes them. */
  readonly authFailures: string[] = [];
  readonly resources = new Map<string, unknown>();
  /** Rollen by zaak URL; betrokkenen (without their derived fields) by klantcontact URL. */
  readonly rollen = new Map<string, unknown[]>();
  readonly betrokkenen = new Map<string, Record<string, unknown>[]>();
  /** Open Klant's digitale adressen, each given by a betrokkene or by a partij. */
  readonly digitaleAdressen: DigitaalAdres[] = [];
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
  /** What an administrator enters for this server's APIs in an abonnement (all but its name and the notification auth). */
  apiFields() {
    return { zakenApi: this.zakenApi, catalogiApi: this.catalogiApi, klantinteractiesApi: this.klantinteractiesApi, clientId: CLIENT_ID, secret: CLIENT_SECRET, klantinteractiesToken: OPEN_KLANT_TOKEN };
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
      this.digitaleAdressen.length = 0;
    }
  }
  // ── Fixtures in the shapes of the standards ──────────────────────────────────────────────

  zaaktype(options: { identificatie: string; omschrijving?: string }) {
    const uuid = randomUUID();
    const url = `${this.catalogiApi}/zaaktypen/${uuid}`;
    const catalogus = `${this.catalogiApi}/catalogussen/${randomUUID()}`;
    catalogusOfZaaktype.set(url, catalogus);
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
      catalogus,
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
      catalogus: catalogusOfZaaktype.get(zaaktype) ?? '',
      eigenschappen: [],
      zaakobjecttypen: [],
      beginGeldigheid: null,
      eindeGeldigheid: null,
      beginObject: null,
      eindeObject: null,
    });
    return url;
  }

  /**
   * A zaak with (optionally) an initiator whose contactpersoonRol has this e-mail address and
   * whose `betrokkene` is this URL (e.g. an Open Klant partij, as Open Formulieren links it).
   */
  zaak(options: {
    zaaktype: string;
    identificatie: string;
    startdatum?: string;
    registratiedatum?: string;
    einddatum?: string | null;
    communicatiekanaalNaam?: string;
    /** A Referentielijsten URL; Open Zaak < 1.13 sends no communicatiekanaalNaam at all. */
    communicatiekanaal?: string;
    email?: string | null;
    betrokkene?: string;
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
      communicatiekanaal: options.communicatiekanaal ?? '',
      ...(options.communicatiekanaalNaam === undefined && options.communicatiekanaal ? {} : { communicatiekanaalNaam: options.communicatiekanaalNaam ?? '' }),
      productenOfDiensten: [],
      vertrouwelijkheidaanduiding: 'openbaar',
      betalingsindicatie: '',
      betalingsindicatieWeergave: '',
      laatsteBetaaldatum: null,
      zaakgeometrie: null,
      verlenging: null,
      laatstGemuteerd: '2026-11-20T14:03:01Z',
      laatstGeopend: null,
      opschorting: { indicatie: false, reden: '', eerdereOpschorting: false },
      selectielijstklasse: '',
      hoofdzaak: null,
      deelzaken: [],
      relevanteAndereZaken: [],
      gerelateerdeZaken: [],
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
    if (options.email !== null) rollen.push(this.rol(url, 'initiator', options.email, options.betrokkene));
    this.rollen.set(url, rollen);
    return url;
  }

  private rol(zaak: string, omschrijvingGeneriek: string, email: string | undefined, betrokkene = '') {
    const url = `${this.zakenApi}/rollen/${randomUUID()}`;
    return {
      url,
      uuid: url.split('/').at(-1),
      zaak,
      betrokkene,
      betrokkeneType: omschrijvingGeneriek === 'initiator' ? 'natuurlijk_persoon' : 'medewerker',
      afwijkendeNaamBetrokkene: '',
      roltype: `${this.catalogiApi}/roltypen/${randomUUID()}`,
      omschrijving: omschrijvingGeneriek === 'initiator' ? 'Aanvrager' : 'Behandelaar',
      omschrijvingGeneriek,
      roltoelichting: '',
      registratiedatum: '2026-11-01T09:00:00Z',
      indicatieMachtiging: '',
      // Unset, the gegevensgroep reads as empty strings (open-zaak zaken/tests/test_rol.py:221-226).
      contactpersoonRol: { emailadres: email ?? '', functie: '', telefoonnummer: '', naam: email === undefined ? '' : 'J. Jansen' },
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

  // ── Open Klant (klantinteracties), shaped as the entries of zgw-real-payloads.json ──────────

  /**
   * A digitaal adres given by a betrokkene or by a partij. Only a partij's address may be the
   * standaard adres (open-klant api/serializers/digitaal_adres.py:165-176 refuses it otherwise).
   */
  digitaalAdres(options: { betrokkene?: string; partij?: string; adres: string; soort?: DigitaalAdres['soortDigitaalAdres']; isStandaardAdres?: boolean }) {
    if (options.isStandaardAdres && !options.partij) throw new Error('Open Klant sets isStandaardAdres only on an address verstrektDoorPartij');
    const url = `${this.klantinteractiesApi}/digitaleadressen/${randomUUID()}`;
    const address: DigitaalAdres = {
      uuid: uuidOf(url),
      url,
      verstrektDoorBetrokkene: options.betrokkene ? ref(options.betrokkene) : null,
      verstrektDoorPartij: options.partij ? ref(options.partij) : null,
      adres: options.adres,
      soortDigitaalAdres: options.soort ?? 'email',
      isStandaardAdres: options.isStandaardAdres ?? false,
      omschrijving: '',
      referentie: '',
      verificatieDatum: null,
    };
    this.digitaleAdressen.push(address);
    return url;
  }

  /**
   * A partij (persoon) with its own addresses; `voorkeur` names the index of its
   * voorkeursDigitaalAdres, `standaard` the one with isStandaardAdres.
   */
  partij(options: { emails?: string[]; phone?: boolean; voorkeur?: number; standaard?: number } = {}) {
    const url = `${this.klantinteractiesApi}/partijen/${randomUUID()}`;
    const addresses = [
      ...(options.phone === false ? [] : [this.digitaalAdres({ partij: url, adres: '0612345678', soort: 'telefoonnummer' })]),
      ...(options.emails ?? []).map((adres, index) => this.digitaalAdres({ partij: url, adres, isStandaardAdres: index === options.standaard })),
    ];
    const emailAddresses = addresses.slice(options.phone === false ? 0 : 1);
    const voorkeur = options.voorkeur === undefined ? undefined : emailAddresses[options.voorkeur];
    // Fields: open-klant api/serializers/partijen.py PartijSerializer.Meta.fields (digitaleAdressen is derived on read).
    this.resources.set(url, {
      uuid: uuidOf(url),
      url,
      nummer: '0000001',
      interneNotitie: '',
      betrokkenen: [],
      categorieRelaties: [],
      voorkeursDigitaalAdres: voorkeur ? ref(voorkeur) : null,
      vertegenwoordigden: [],
      rekeningnummers: [],
      voorkeursRekeningnummer: null,
      partijIdentificatoren: [],
      soortPartij: 'persoon',
      indicatieGeheimhouding: false,
      voorkeurstaal: 'nld',
      indicatieActief: true,
      bezoekadres: null,
      correspondentieadres: null,
      partijIdentificatie: { contactnaam: { voorletters: 'J', voornaam: 'Jan', voorvoegselAchternaam: '', achternaam: 'Jansen' }, volledigeNaam: 'Jan Jansen' },
    });
    return url;
  }

  /**
   * An Open Klant klantcontact (GET klantcontact in zgw-real-payloads.json). By default with one
   * betrokkene, the citizen, who gave `email` for this contact; `betrokkene: false` registers the
   * klantcontact alone, as the first of Open Klant's separate POSTs (addBetrokkene adds it later).
   * `nummer` is deprecated and no longer generated since Open Klant 2.16: null unless given.
   */
  klantcontact(options: {
    onderwerp: string;
    kanaal: string;
    referentienummer?: string;
    nummer?: string;
    email?: string | null;
    partij?: string;
    betrokkene?: boolean;
    hoofdOnderwerpType?: string;
    taal?: string;
    plaatsgevondenOp?: string;
  }) {
    const url = `${this.klantinteractiesApi}/klantcontacten/${randomUUID()}`;
    this.resources.set(url, {
      uuid: uuidOf(url),
      url,
      gingOverOnderwerpobjecten: [],
      hadBetrokkenActoren: [],
      omvatteBijlagen: [],
      hadBetrokkenen: [],
      leiddeTotInterneTaken: [],
      nummer: options.nummer ?? null,
      referentienummer: options.referentienummer ?? '',
      kanaal: options.kanaal,
      onderwerp: options.onderwerp,
      inhoud: 'Vraag over een aanvraag',
      reactie: '',
      indicatieContactGelukt: true,
      hoofdOnderwerpType: options.hoofdOnderwerpType ?? '',
      verdereActieOndernomen: false,
      taal: options.taal ?? 'nld',
      vertrouwelijk: false,
      plaatsgevondenOp: options.plaatsgevondenOp ?? '2026-11-20T10:15:00Z',
      metadata: {},
    });
    this.betrokkenen.set(url, []);
    if (options.betrokkene !== false) this.addBetrokkene(url, { email: options.email, partij: options.partij });
    return url;
  }

  /**
   * Registers a betrokkene of the klantcontact (POST /betrokkenen) and, when given, the e-mail
   * address it gave for this contact (a separate POST /digitaleadressen; a phone number always).
   */
  addBetrokkene(klantcontact: string, options: { email?: string | null; partij?: string; initiator?: boolean; rol?: 'klant' | 'vertegenwoordiger' } = {}) {
    const url = `${this.klantinteractiesApi}/betrokkenen/${randomUUID()}`;
    // Fields: open-klant api/serializers/klantcontacten.py:205-220 (digitaleAdressen is derived on read).
    this.betrokkenen.get(klantcontact)!.push({
      uuid: uuidOf(url),
      url,
      wasPartij: options.partij ? ref(options.partij) : null,
      hadKlantcontact: ref(klantcontact),
      bezoekadres: null,
      correspondentieadres: null,
      contactnaam: { voorletters: 'J', voornaam: 'Jan', voorvoegselAchternaam: '', achternaam: 'Jansen' },
      volledigeNaam: 'Jan Jansen',
      rol: options.rol ?? 'klant',
      organisatienaam: '',
      initiator: options.initiator ?? true,
    });
    this.digitaalAdres({ betrokkene: url, adres: '0612345678', soort: 'telefoonnummer' });
    if (options.email) this.digitaalAdres({ betrokkene: url, adres: options.email });
    return url;
  }

  private addressesOf(by: 'verstrektDoorBetrokkene' | 'verstrektDoorPartij', url: string) {
    return this.digitaleAdressen.filter((address) => address[by]?.url === url);
  }

  /** A betrokkene as Open Klant serialises it: its addresses derived, expanded when asked. */
  private betrokkeneView(betrokkene: Record<string, unknown>, expand: boolean) {
    const addresses = this.addressesOf('verstrektDoorBetrokkene', betrokkene.url as string);
    return {
      ...betrokkene,
      digitaleAdressen: addresses.map((address) => ref(address.url)),
      // The expansion key is camelCase (open-klant api/tests/test_klantcontacten.py:421-424).
      ...(expand ? { _expand: { digitaleAdressen: addresses } } : {}),
    };
  }

  /** Derived fields of Open Klant resources: a klantcontact's betrokkenen, a partij's addresses. */
  private view(url: string, resource: unknown): unknown {
    if (url.startsWith(`${this.klantinteractiesApi}/klantcontacten/`)) {
      return { ...(resource as object), hadBetrokkenen: (this.betrokkenen.get(url) ?? []).map((betrokkene) => ref(betrokkene.url as string)) };
    }
    if (url.startsWith(`${this.klantinteractiesApi}/partijen/`)) {
      const { voorkeursDigitaalAdres, ...rest } = resource as Record<string, unknown>;
      return { ...rest, digitaleAdressen: this.addressesOf('verstrektDoorPartij', url).map((address) => ref(address.url)), voorkeursDigitaalAdres };
    }
    return resource;
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

  private send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    response.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }

  /** The problem shape of vng_api_common's exception handler (exception_handling.py, FoutSerializer). */
  private problem(exception: string, status: number, code: string, title: string, extra: Record<string, unknown> = {}) {
    return { type: `${this.url}/ref/fouten/${exception}/`, code, title, status, detail: title, instance: `urn:uuid:${randomUUID()}`, ...extra };
  }

  private page(response: ServerResponse, url: URL, items: unknown[], pageSize: number, headers: Record<string, string> = {}) {
    const size = Number(url.searchParams.get('pageSize') ?? pageSize) || pageSize;
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const results = items.slice((page - 1) * size, page * size);
    const next = page * size < items.length ? new URL(url) : null;
    next?.searchParams.set('page', String(page + 1));
    this.send(response, 200, { count: items.length, next: next?.href ?? null, previous: null, results }, headers);
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
      // Open Klant authenticates with DRF's TokenAuthentication only (keyword "Token"): a Bearer
      // JWT is no credential at all (NotAuthenticated), a wrong key AuthenticationFailed; both 401
      // with WWW-Authenticate: Token (open-klant components/token, TokenPermissions).
      const authorization = request.headers.authorization ?? '';
      if (authorization !== `Token ${OPEN_KLANT_TOKEN}`) {
        const given = /^Token\s+\S/i.test(authorization);
        this.authFailures.push(`${path}: ${given ? 'wrong token' : 'no Token'}`);
        const body = given
          ? this.problem('AuthenticationFailed', 401, 'authentication_failed', 'Ongeldige token.')
          : this.problem('NotAuthenticated', 401, 'not_authenticated', 'Authenticatiegegevens zijn niet opgegeven.');
        return this.send(response, 401, body, { 'WWW-Authenticate': 'Token' });
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

    const known = LIST_PARAMS[path] ?? DETAIL_PARAMS;
    const unknown = [...new Set(url.searchParams.keys())].filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      // CheckQueryParamsMixin: ValidationError({nonFieldErrors: …}, code 'unknown-parameters'),
      // rendered by vng_api_common's handler (ValidatieFoutSerializer) in Dutch.
      return this.send(
        response,
        400,
        this.problem('ValidationError', 400, 'invalid', 'Ongeldige invoer.', {
          invalidParams: [{ name: 'nonFieldErrors', code: 'unknown-parameters', reason: `Onbekende query parameters: ${unknown.join(', ')}` }],
        }),
      );
    }

    // Zaken API: reading a zaak (and the list) requires Accept-Crs (412 Precondition Failed otherwise)
    // and answers with Content-Crs (vng_api_common geo.py GeoMixin).
    const crs: Record<string, string> = {};
    if (path.startsWith('/zaken/api/v1/zaken')) {
      if (request.headers['accept-crs'] !== 'EPSG:4326') {
        return this.send(response, 412, this.problem('PreconditionFailed', 412, 'precondition_failed', "'Accept-Crs' header ontbreekt"));
      }
      crs['Content-Crs'] = 'EPSG:4326';
    }
    if (path === '/zaken/api/v1/rollen') {
      const items = (this.rollen.get(url.searchParams.get('zaak') ?? '') ?? []).filter(
        (rol) => !url.searchParams.get('omschrijvingGeneriek') || (rol as { omschrijvingGeneriek: string }).omschrijvingGeneriek === url.searchParams.get('omschrijvingGeneriek'),
      );
      return this.page(response, url, items, 100);
    }
    if (path === '/zaken/api/v1/zaken') {
      const exact = url.searchParams.get('einddatum');
      const after = url.searchParams.get('einddatum__gt');
      const before = url.searchParams.get('einddatum__lt');
      const isNull = url.searchParams.get('einddatum__isnull');
      const items = [...this.resources.entries()]
        .filter(([key]) => key.startsWith(`${this.zakenApi}/zaken/`))
        .map(([, zaak]) => zaak as { einddatum: string | null })
        .filter((zaak) => (isNull === 'true' ? !zaak.einddatum : Boolean(zaak.einddatum)))
        .filter((zaak) => (!exact || zaak.einddatum === exact) && (!after || zaak.einddatum! > after) && (!before || zaak.einddatum! < before));
      // Small pages, so the client must follow `next`.
      return this.page(response, url, items, 2, crs);
    }
    if (path === '/klantinteracties/api/v1/betrokkenen') {
      const expand = (url.searchParams.get('expand') ?? '').split(',').includes('digitaleAdressen');
      const items = (this.betrokkenen.get(url.searchParams.get('hadKlantcontact__url') ?? '') ?? []).map((betrokkene) => this.betrokkeneView(betrokkene, expand));
      return this.page(response, url, items, 100);
    }
    if (path === '/klantinteracties/api/v1/digitaleadressen') {
      const partij = url.searchParams.get('verstrektDoorPartij__url');
      const betrokkene = url.searchParams.get('verstrektDoorBetrokkene__url');
      const items = this.digitaleAdressen.filter((address) => (!partij || address.verstrektDoorPartij?.url === partij) && (!betrokkene || address.verstrektDoorBetrokkene?.url === betrokkene));
      return this.page(response, url, items, 100);
    }
    const key = `${this.url}${path}`;
    const betrokkene = [...this.betrokkenen.values()].flat().find((candidate) => candidate.url === key);
    const resource = betrokkene ? this.betrokkeneView(betrokkene, false) : (this.resources.get(key) ?? this.digitaleAdressen.find((address) => address.url === key));
    if (!resource) return this.send(response, 404, this.problem('NotFound', 404, 'not_found', 'Niet gevonden.'));
    this.send(response, 200, this.view(key, resource), crs);
  }
}

/** A notification exactly as Open Notificaties delivers it (zaken_status_create in zgw-real-payloads.json). */
export function statusNotification(zaak: string, status: string, zaaktype: string, aanmaakdatum = '2026-11-20T14:03:01Z') {
  return {
    kanaal: 'zaken',
    hoofdObject: zaak,
    resource: 'status',
    resourceUrl: status,
    actie: 'create',
    aanmaakdatum,
    kenmerken: { bronorganisatie: '002564440', zaaktype, 'zaaktype.catalogus': catalogusOfZaaktype.get(zaaktype) ?? '', vertrouwelijkheidaanduiding: 'openbaar' },
  };
}

/**
 * klantcontacten_klantcontact_create in zgw-real-payloads.json: Open Klant 2.18's kenmerken
 * (klantinteracties/kanalen.py:28-36), as strings, which is what Open Notificaties forwards.
 */
export function klantcontactNotification(klantcontact: string, hoofdOnderwerpType = '') {
  return {
    kanaal: 'klantcontacten',
    source: 'open-klant',
    hoofdObject: klantcontact,
    resource: 'klantcontact',
    resourceUrl: klantcontact,
    actie: 'create',
    aanmaakdatum: '2026-11-20T10:16:00Z',
    kenmerken: { hoofdOnderwerpType, indicatieContactGelukt: 'True', verdereActieOndernomen: 'False' },
  };
}
