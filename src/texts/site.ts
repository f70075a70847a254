import type { Role } from '../db/schema';

// The frame around every page: site name, skip link, footer, roles, staff menu, home page.

export const site = {
  siteName: 'meethuis',
  skipLink: 'Direct naar de hoofdinhoud',
  // Heading of a form's error summary when the page names nothing more precise.
  errorSummaryTitle: 'Controleer wat u hebt ingevuld',
  // Above a table wider than the screen, shown only while it is.
  scrollHint: 'Schuif opzij om de hele tabel te zien →',
  footer: {
    improvements: 'Dit deden we met uw feedback',
    privacy: 'Privacyverklaring',
    accessibility: 'Toegankelijkheid',
  },
} as const;

export const roles = { admin: 'Beheerder', manager: 'Manager', researcher: 'Onderzoeker', kcc: 'KCC-medewerker' } as const satisfies Record<Role, string>;

export const staffNav = {
  label: 'Hoofdmenu',
  dashboard: 'Dashboard',
  noShows: 'No-shows',
  panel: 'Panel',
  admin: 'Beheer',
  account: 'Mijn account',
  logout: 'Uitloggen',
} as const;

export const home = {
  title: 'meethuis',
  intro: 'meethuis vraagt inwoners na afloop van hun zaak hoe elke stap voelde, zodat de gemeente kan zien waar het beter kan.',
  staffLogin: 'Inloggen voor medewerkers',
  mailboxForAdmins: 'Ingebouwde mailbox (voor beheerders)',
} as const;
