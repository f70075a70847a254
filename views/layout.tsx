import { createContext, useContext, type Child } from 'hono/jsx';
import type { Role } from '../src/db/schema';
import { nl } from '../src/texts';
import { dutch, inLanguage, type CitizenLanguage } from '../src/texts/citizen';
import { Button } from './components/button';

/** The organisation's name, provided once for every page by the page renderer (src/http/render.tsx). */
export const OrganisationContext = createContext('');
export const useOrganisation = () => useContext(OrganisationContext);
/** The signed-in staff member's organisation: staff pages name it in the header (citizens' pages keep the installation's). */
export const StaffOrganisationContext = createContext<string | undefined>(undefined);
/** A page in another language, in its own words: the language switch on citizen pages. */
export interface LanguageLink {
  code: string;
  name: string;
  href: string;
  current: boolean;
}
/**
 * The citizen's language for this page (the invitation's, or chosen with ?taal=), provided by the
 * citizen routes around a page (src/http/citizen-language.tsx); staff pages keep Dutch.
 */
export const CitizenLanguageContext = createContext<{ language: CitizenLanguage; links?: LanguageLink[] }>({ language: dutch });
export const useCitizenLanguage = () => useContext(CitizenLanguageContext).language;
export const useCitizenTexts = () => useCitizenLanguage().texts;
/** The number of open call-back requests, for the staff menu of kcc staff and managers (set by src/callbacks/nav-count.ts). */
export const OpenCallbacksContext = createContext<number | undefined>(undefined);

export interface LayoutProps {
  title: string;
  /** Staff pages: the signed-in user, for the main navigation. */
  staff?: StaffNavProps;
  /** Our own scripts from /assets, loaded deferred; pages work without them. */
  scripts?: string[];
  /** Extra stylesheets from /assets for this page only, after app.css (e.g. a print layout). */
  stylesheets?: string[];
  /** Wider content area for tables and charts. */
  wide?: boolean;
  children?: Child;
}

export interface StaffNavProps {
  email: string;
  role: Role;
  current?: string;
}

function StaffNav({ email, role, current }: StaffNavProps) {
  const openCallbacks = useContext(OpenCallbacksContext);
  const links = [
    ...(role === 'admin' || role === 'manager'
      ? [
          { href: '/dashboard', label: nl.staffNav.dashboard },
          { href: '/dashboard/no-shows', label: nl.staffNav.noShows },
        ]
      : []),
    ...(role === 'kcc' || role === 'manager'
      ? [{ href: '/dashboard/terugbellen', label: openCallbacks === undefined ? nl.callbacksKcc.navLink : nl.callbacksKcc.navWithCount(openCallbacks) }]
      : []),
    ...(role === 'kcc' || role === 'manager' || role === 'admin' ? [{ href: '/dashboard/afname', label: nl.assisted.navLink }] : []),
    ...(role === 'researcher' ? [{ href: '/panel', label: nl.staffNav.panel }] : []),
    ...(role === 'admin' ? [{ href: '/admin', label: nl.staffNav.admin }] : []),
    { href: '/account', label: nl.staffNav.account },
  ];
  return (
    <nav class="mh-staff-nav" aria-label={nl.staffNav.label}>
      <ul>
        {links.map((link) => (
          <li>
            <a class="utrecht-link" href={link.href} aria-current={current === link.href ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
      <p class="mh-staff-user">{`${email} (${nl.roles[role]})`}</p>
      <form method="post" action="/logout" class="mh-inline-form">
        <Button variant="subtle">
          {nl.staffNav.logout}
        </Button>
      </form>
    </nav>
  );
}

/** Links to the same page in the other languages, each named in its own language. */
function LanguageSwitch(props: { label: string; links: LanguageLink[] }) {
  return (
    <nav class="mh-language-switch" aria-label={props.label}>
      <ul>
        {props.links.map((link) => (
          <li>
            <a class="utrecht-link" href={link.href} lang={link.code} hreflang={link.code} aria-current={link.current ? 'page' : undefined}>
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page shell: NL Design System (Utrecht) components on our neutral theme; no external assets. */
export function Layout({ title, staff, scripts, stylesheets, wide, children }: LayoutProps) {
  const staffOrganisation = useContext(StaffOrganisationContext);
  const organisation = (staff && staffOrganisation) || useOrganisation();
  const { language, links } = useContext(CitizenLanguageContext);
  const page = language.texts.page;
  return (
    <html lang={language.code} dir={language.dir} class="utrecht-root meethuis-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        {/* No favicon request: nothing to fetch, nothing logged as a 404. */}
        <link rel="icon" href="data:," />
        <title>{`${title} · ${organisation}`}</title>
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/theme.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        {(stylesheets ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {(scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body class="utrecht-document utrecht-body">
        <a href="#main" class="utrecht-skip-link utrecht-skip-link--visible-on-focus">
          {page.skipLink}
        </a>
        <div class="utrecht-page-layout">
          <header class="utrecht-page-header">
            <div class="utrecht-page-header__content">
              <p class="mh-site-name">{organisation}</p>
              {staff ? <StaffNav {...staff} /> : null}
              {links ? <LanguageSwitch label={page.languageSwitch} links={links} /> : null}
            </div>
          </header>
          <div class="utrecht-page-body">
            <main id="main" class={`utrecht-page-body__content${wide ? ' mh-wide' : ''}`} tabindex={-1}>
              {children}
            </main>
          </div>
          <footer class="utrecht-page-footer">
            <div class="utrecht-page-footer__content">
              <nav aria-label={page.footerLabel}>
                <ul class="mh-footer-links">
                  <li>
                    <a class="utrecht-link" href="/verbeteringen">
                      {page.footerImprovements}
                    </a>
                  </li>
                  <li>
                    <a class="utrecht-link" href="/resultaten">
                      {page.footerResults}
                    </a>
                  </li>
                  <li>
                    <a class="utrecht-link" href={inLanguage('/privacy', language.code)}>
                      {page.footerPrivacy}
                    </a>
                  </li>
                  <li>
                    <a class="utrecht-link" href={inLanguage('/toegankelijkheid', language.code)}>
                      {page.footerAccessibility}
                    </a>
                  </li>
                </ul>
              </nav>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** A page with just a heading and a few paragraphs: thanks, expired, not found, opted out. */
export function MessagePage(props: { title: string; paragraphs: string[]; children?: Child }) {
  return (
    <Layout title={props.title}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      {props.paragraphs.map((text) => (
        <p class="utrecht-paragraph">{text}</p>
      ))}
      {props.children}
    </Layout>
  );
}
