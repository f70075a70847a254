/**
 * What citizens read (survey, mails, opt-out, letter code, call-back question, consent panel), per language. The
 * words live in JSON files, one per language, so a municipality adds a language without code: the
 * built-in ones in src/texts/citizen/, extra ones in LANGUAGES_DIR (`<code>.json`, read by
 * src/languages/language-files.ts). Dutch is the reference: another file's missing or unusable
 * text falls back to Dutch and is reported. Pure: views take the Dutch and the types from here.
 */
import type { CallbackReason, NoShowReason } from '../db/schema';
import type { NamesEvery } from './labels';
import { complaintUrls, type AccessibilityTerms, type StatementOrganisation, type StatementRules, type StatementSection } from './statements';
import dutchFile from './citizen/nl.json' with { type: 'json' };

type Strings = typeof dutchFile.texts;
export type Tree = { [key: string]: string | Tree };

/** A language code as an event carries it: `nl`, `en`, `pt-br`, `zh-hant`. */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;
export const DEFAULT_LANGUAGE = 'nl';

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const isPlural = (tree: Tree) => 'other' in tree && Object.keys(tree).every((key) => PLURAL_CATEGORIES.has(key));
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!));

/** Fills `{name}` placeholders; a name without a value stays visible rather than vanishing. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The translation laid over the Dutch reference: every Dutch key is there afterwards. A text is
 * taken only when it is a string using no placeholder Dutch lacks; plural forms may name the
 * categories the language needs (Intl.PluralRules).
 */
function overlay(dutch: Tree, given: Tree | undefined, path: string, problems: string[]): Tree {
  const result: Tree = {};
  for (const [key, reference] of Object.entries(dutch)) {
    const at = path ? `${path}.${key}` : key;
    const value = given?.[key];
    if (typeof reference === 'string') {
      if (typeof value !== 'string') {
        problems.push(value === undefined ? `${at} is missing: Dutch is used` : `${at} must be a text: Dutch is used`);
        result[key] = reference;
        continue;
      }
      const unknown = [...placeholders(value)].filter((name) => !placeholders(reference).has(name));
      if (unknown.length > 0) problems.push(`${at} uses {${unknown.join('}, {')}}, which is not filled in: Dutch is used`);
      result[key] = unknown.length > 0 ? reference : value;
    } else if (isPlural(reference) && value !== undefined && typeof value !== 'string' && typeof value.other === 'string') {
      const allowed = new Set(Object.values(reference).flatMap((text) => (typeof text === 'string' ? [...placeholders(text)] : [])));
      const usable = (text: string | Tree) => typeof text === 'string' && [...placeholders(text)].every((name) => allowed.has(name));
      const forms = Object.fromEntries(Object.entries(value).filter(([form, text]) => PLURAL_CATEGORIES.has(form) && usable(text)));
      if (Object.keys(forms).length < Object.keys(value).length) problems.push(`${at} has a form that is not a text, or uses a placeholder that is not filled in: ${forms.other ? 'that form is left out' : 'Dutch is used'}`);
      result[key] = forms.other ? forms : reference;
    } else if (value === undefined || typeof value === 'string') {
      problems.push(`${at} ${value === undefined ? 'is missing' : 'must be a group of texts'}: Dutch is used`);
      result[key] = reference;
    } else {
      result[key] = overlay(reference, value, at, problems);
    }
  }
  for (const key of Object.keys(given ?? {})) {
    if (!(key in dutch)) problems.push(`${path ? `${path}.${key}` : key} is not a known text: ignored`);
  }
  return result;
}

/** Options in a fixed order with this language's labels; a tuple, so `[0]` is known to exist. */
const optionsOf = <const T extends readonly string[]>(values: T, labels: Record<T[number], string>) =>
  values.map((value) => ({ value, label: labels[value as T[number]] })) as unknown as { [K in keyof T]: { value: T[K]; label: string } };

const feelingValues = ['-2', '-1', '0', '1', '2', 'nvt'] as const;
const noShowReasons = ['vergeten', 'kon-niet', 'opgelost', 'afzeggen-onduidelijk', 'te-ver-weg', 'anders'] as const satisfies readonly NoShowReason[];
true satisfies NamesEvery<NoShowReason, ReturnType<typeof optionsOf<typeof noShowReasons>>>;
const methods = ['phone', 'email'] as const;
const contactPreferences = ['e-mail', 'telefoon'] as const;
const consentParagraphs = ['what', 'why', 'kept', 'howOften', 'howLong', 'howToStop', 'confirmFirst', 'voluntary'] as const;

/** The terms the consent text names, from the configuration. */
export interface ConsentTerms {
  organisation: string;
  maxContactsPerYear: number;
  consentMonths: number;
  confirmDays: number;
}
const bestTimes = ['ochtend', 'middag', 'maakt-niet-uit'] as const;
const recoveryScores = ['1', '2', '3', '4', '5'] as const;

/** A link to a citizen page (the statements) in this language: Dutch needs no `?taal=`; an `#anchor` stays last. */
export function inLanguage(href: string, code: string): string {
  if (code === DEFAULT_LANGUAGE) return href;
  const [path, anchor] = href.split('#');
  return `${path}${path!.includes('?') ? '&' : '?'}taal=${code}${anchor === undefined ? '' : `#${anchor}`}`;
}

/**
 * The short statements in plain language: the parts the long Dutch ones (src/texts/statements.ts)
 * explain in full, with the same terms from the configuration.
 */
function shortStatements(s: Strings['statements'], count: (forms: Record<string, string>, n: number) => string) {
  const days = (n: number) => count(s.days, n);
  const months = (n: number) => count(s.months, n);
  const contact = (o: StatementOrganisation) => {
    const ways = [
      o.email && fill(s.contactEmail, { email: o.email }),
      o.phone && fill(s.contactPhone, { phone: o.phone }),
      o.address && fill(s.contactPost, { address: o.address }),
      o.url && fill(s.contactWebsite, { url: o.url }),
    ].filter((way): way is string => Boolean(way));
    return ways.length > 0 ? { lead: fill(s.contactLead, { organisation: o.name }), items: ways } : { lead: fill(s.contactNone, { organisation: o.name }), items: undefined };
  };
  const p = s.privacy;
  const a = s.accessibility;
  return {
    ...s,
    privacySections: (o: StatementOrganisation, r: StatementRules): StatementSection[] => {
      const reach = contact(o);
      return [
        { heading: p.aboutHeading, paragraphs: [fill(p.about, { organisation: o.name })] },
        { heading: p.useHeading, paragraphs: [p.use, p.masked, fill(p.groups, { minGroupSize: r.minGroupSize }), p.optOut] },
        {
          heading: p.keepHeading,
          paragraphs: [],
          items: [
            fill(p.keepEmail, { expiry: days(r.expiryDays) }),
            fill(p.keepAnswers, { responses: months(r.responsesMonths) }),
            ...(r.commentsMonths < r.responsesMonths ? [fill(p.keepComments, { comments: months(r.commentsMonths) })] : []),
            fill(p.keepMails, { mails: days(r.mailDays) }),
            fill(p.keepCallback, { callback: days(r.callbackDays) }),
            fill(p.keepPanel, { panel: months(r.panelConsentMonths) }),
          ],
        },
        // The same anchor as in the full statement: the call-back question links to it.
        { heading: p.callbackHeading, id: 'terugbelverzoeken', paragraphs: [p.callback] },
        { heading: p.rightsHeading, paragraphs: [fill(p.rights, { organisation: o.name }), reach.lead], items: reach.items },
        ...(o.privacyOfficerEmail ? [{ heading: p.officerHeading, paragraphs: [fill(p.officer, { email: o.privacyOfficerEmail })] }] : []),
        {
          heading: p.complaintHeading,
          paragraphs: [p.complaint],
          links: [{ label: p.complaintLink, href: complaintUrls.dataProtection }],
        },
      ];
    },
    accessibilitySections: (o: StatementOrganisation, terms: AccessibilityTerms): StatementSection[] => {
      const reach = contact(o);
      return [
        { heading: a.aboutHeading, paragraphs: [fill(a.about, { organisation: o.name, site: terms.site })] },
        {
          heading: a.statusHeading,
          paragraphs: [fill(a.status, { status: terms.status, label: a.statusLabels[terms.status] }), ...(terms.date ? [fill(a.date, { date: terms.date })] : [])],
        },
        { heading: a.standardHeading, paragraphs: [a.standard] },
        { heading: a.problemHeading, paragraphs: [fill(a.problem, { organisation: o.name }), reach.lead], items: reach.items },
        { heading: a.complaintHeading, paragraphs: [a.complaint], links: [{ label: a.complaintLink, href: complaintUrls.ombudsman }] },
      ];
    },
  };
}

/** The same shape the Dutch text objects had in code, with functions where a text has placeholders. */
function textsFor(s: Strings, code: string) {
  const rules = pluralRules(code);
  const longDate = dateFormat(code);
  const count = (forms: Record<string, string>, n: number) => fill(forms[rules.select(n)] ?? forms.other!, { count: n });
  const c = s.callbackQuestion;
  const serviceNorm = (hours: number) => (hours % 8 === 0 ? count(c.workingDays, hours / 8) : count(c.workingHours, hours));
  return {
    /** A day in words in this language, in the municipality's time zone ("22 december 2026"). */
    date: (date: Date) => longDate.format(date),
    page: { ...s.page, errorTitle: (title: string) => fill(s.page.errorTitle, { title }) },
    feelingOptions: optionsOf(feelingValues, s.feelings),
    survey: {
      ...s.survey,
      title: (journey: string) => fill(s.survey.title, { journey }),
      intro: (organisation: string, minutes: number) => fill(s.survey.intro, { organisation, minutes }),
      feelingQuestion: (step: string) => fill(s.survey.feelingQuestion, { step }),
      stepOf: (step: number, steps: number) => fill(s.survey.stepOf, { step, steps }),
      stepPrefix: (step: number) => fill(s.survey.stepPrefix, { step }),
    },
    panel: panelTexts(s.panel, count),
    optOut: { ...s.optOut, question: (organisation: string) => fill(s.optOut.question, { organisation }) },
    letterCode: s.letterCode,
    noShow: {
      ...s.noShow,
      intro: (organisation: string, journey: string) => fill(s.noShow.intro, { organisation, journey }),
      reasons: optionsOf(noShowReasons, s.noShow.reasons),
      bookingQuestion: (step: string) => fill(s.noShow.bookingQuestion, { step }),
      mailSubject: (organisation: string) => fill(s.noShow.mailSubject, { organisation }),
      mailReminderSubject: (organisation: string) => fill(s.noShow.mailReminderSubject, { organisation }),
      mailIntro: (journey: string, organisation: string) => fill(s.noShow.mailIntro, { journey, organisation }),
    },
    mail: {
      ...s.mail,
      invitationSubject: (journey: string, organisation: string) => fill(s.mail.invitationSubject, { journey, organisation }),
      reminderSubject: (journey: string, organisation: string) => fill(s.mail.reminderSubject, { journey, organisation }),
      invitationIntro: (journey: string, organisation: string) => fill(s.mail.invitationIntro, { journey, organisation }),
      reminderIntro: (journey: string, organisation: string) => fill(s.mail.reminderIntro, { journey, organisation }),
      effort: (stepCount: number, minutes: number) => fill(count(s.mail.effort, stepCount), { minutes }),
      validUntil: (date: string) => fill(s.mail.validUntil, { date }),
    },
    callbackQuestion: {
      ...c,
      why: c.why satisfies Record<CallbackReason, string>,
      details: (terms: { slaHours: number; retentionDays: number }) => [
        fill(c.detailsWhen, { norm: serviceNorm(terms.slaHours) }),
        fill(c.detailsData, { days: terms.retentionDays }),
        c.detailsPanel,
      ],
      methodOptions: optionsOf(methods, c.methodOptions),
      bestTimeOptions: optionsOf(bestTimes, c.bestTimeOptions),
      done: (method: 'phone' | 'email', slaHours: number) => fill(method === 'phone' ? c.donePhone : c.doneEmail, { norm: serviceNorm(slaHours) }),
    },
    statements: shortStatements(s.statements, count),
    items: {
      ...s.items,
      /** A bank item's question in this language; undefined for a code the bank does not have. */
      question: (code: string, organisation: string): string | undefined => {
        const text = (s.items.questions as Record<string, string>)[code];
        return text === undefined ? undefined : fill(text, { organisation });
      },
    },
    callbackRecovery: { ...s.callbackRecovery, scores: optionsOf(recoveryScores, s.callbackRecovery.scores) },
  };
}

/** The consent panel's citizen side: the consent block and its text, the pages behind the mail links, the mails. */
function panelTexts(p: Strings['panel'], count: (forms: Record<string, string>, n: number) => string) {
  const consent = p.consent;
  return {
    consent: {
      ...consent,
      /**
       * The consent text itself: what, why, what we keep, how often, how long, how to stop (B1).
       * Every wording shown is kept by its hash: bump CONSENT_TEXT_VERSION (src/consent-text.ts) when a word changes.
       */
      paragraphs: (terms: ConsentTerms): string[] => {
        const values = {
          organisation: terms.organisation,
          times: count(consent.times, terms.maxContactsPerYear),
          months: count(consent.months, terms.consentMonths),
          days: count(consent.days, terms.confirmDays),
        };
        return consentParagraphs.map((key) => fill(consent.text[key], values));
      },
      preferredOptions: optionsOf(contactPreferences, consent.preferredOptions),
    },
    pages: {
      ...p.pages,
      confirmedBody: (until: string) => fill(p.pages.confirmedBody, { until }),
      studyTitle: (title: string) => fill(p.pages.studyTitle, { title }),
    },
    mail: {
      ...p.mail,
      confirmSubject: (organisation: string) => fill(p.mail.confirmSubject, { organisation }),
      confirmIntro: (organisation: string) => fill(p.mail.confirmIntro, { organisation }),
      confirmValid: (days: number) => fill(p.mail.confirmValid, { days: count(consent.days, days) }),
      invitationSubject: (title: string, organisation: string) => fill(p.mail.invitationSubject, { title, organisation }),
      reminderSubject: (title: string, organisation: string) => fill(p.mail.reminderSubject, { title, organisation }),
      renewalSubject: (organisation: string) => fill(p.mail.renewalSubject, { organisation }),
      renewalIntro: (until: string) => fill(p.mail.renewalIntro, { until }),
    },
  };
}

function dateFormat(code: string): Intl.DateTimeFormat {
  const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' } as const;
  try {
    return new Intl.DateTimeFormat(code === DEFAULT_LANGUAGE ? 'nl-NL' : code, options);
  } catch {
    return new Intl.DateTimeFormat('nl-NL', options);
  }
}

function pluralRules(code: string): Intl.PluralRules {
  try {
    return new Intl.PluralRules(code);
  } catch {
    return new Intl.PluralRules(DEFAULT_LANGUAGE);
  }
}

export type CitizenTexts = ReturnType<typeof textsFor>;

export interface CitizenLanguage {
  code: string;
  /** The language's name in the language itself, for the switch on the page. */
  name: string;
  dir: 'ltr' | 'rtl';
  texts: CitizenTexts;
}

/** A language from a checked file: its texts laid over Dutch, every gap named in `problems` (prefixed with `file`). */
export function languageFrom(file: string, code: string, header: { name: string; dir: 'ltr' | 'rtl' }, texts: Tree, problems: string[]): CitizenLanguage {
  const own: string[] = [];
  const merged = overlay(dutchFile.texts, texts, '', own) as unknown as Strings;
  problems.push(...own.map((problem) => `${file}: ${problem}`));
  return { code, name: header.name, dir: header.dir, texts: textsFor(merged, code) };
}

/** Dutch, straight from its file: the reference every other language falls back to. */
export const dutch: CitizenLanguage = { code: DEFAULT_LANGUAGE, name: dutchFile.name, dir: 'ltr', texts: textsFor(dutchFile.texts, DEFAULT_LANGUAGE) };

/** The languages a server has: Dutch first, then by code. */
export interface CitizenLanguages {
  all: CitizenLanguage[];
  /** What fell back to Dutch, per file: for the start-up log. */
  problems: string[];
}

/** The language to render in: the exact code, else its base (`en-gb` → `en`), else Dutch. */
export function citizenLanguage(languages: CitizenLanguages, code: string | null | undefined): CitizenLanguage {
  const wanted = code?.toLowerCase() ?? DEFAULT_LANGUAGE;
  return languages.all.find((language) => language.code === wanted) ?? languages.all.find((language) => language.code === wanted.split('-')[0]) ?? dutch;
}
