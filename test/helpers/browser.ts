import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { homeFor } from '../../src/auth/access';
import type { Role } from '../../src/db/schema';
import { startServer, type RunningServer } from './http-server';
import { TestSmtpServer } from './smtp';
import { allowAdminsWithoutSecondFactor, createStaff } from './staff';
import { newWatchedPage, signInThroughForm, type WatchedPage } from './watched-page';

/** Debian's Chromium (apt-get install chromium); playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium without sandbox (we run as root) and without any background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A and AA violations on the page as it is now (the page must come from
 * `browser.newContext()`). `legacyMode` runs axe in the page's own frames instead of combining
 * their results in a blank page it opens each time: much faster for a test that checks many pages.
 */
export async function axeViolations(page: Page, options: { legacyMode?: boolean } = {}) {
  return (await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(options.legacyMode ?? false).analyze()).violations;
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and fails with every
 * violation: rule id, the offending elements and axe's summary of what to fix.
 * The page must come from `browser.newContext()` (axe needs a context it can inject into).
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const report = (await axeViolations(page)).flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `[${violation.id}] (${violation.impact ?? 'n/a'}) ${JSON.stringify(node.target)}\n    ${(node.failureSummary ?? violation.help).replace(/\n/g, '\n    ')}`,
    ),
  );
  expect(report, `axe found WCAG violations on ${label}:\n${report.join('\n')}`).toEqual([]);
}

export interface BrowserFixture {
  browser: Browser;
  /** Every context the file's tests open; closed after its tests. */
  contexts: BrowserContext[];
  /** A fresh page in its own context (axe needs a page from `browser.newContext()`). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A fresh page that reports every CSP violation (see watched-page.ts). */
  newWatchedPage(): Promise<WatchedPage>;
}

/**
 * Registers beforeAll/afterAll for a browser test file: Chromium is launched before its tests;
 * afterwards every context and the browser are closed. The fixture is filled in by beforeAll.
 */
export function useBrowser(): BrowserFixture {
  const fixture: BrowserFixture = {
    browser: undefined as unknown as Browser,
    contexts: [],
    async newPage(options = {}) {
      const context = await fixture.browser.newContext({ locale: 'nl-NL', ...options });
      fixture.contexts.push(context);
      return context.newPage();
    },
    newWatchedPage: () => newWatchedPage(fixture.browser, fixture.contexts),
  };
  beforeAll(async () => {
    fixture.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of fixture.contexts) await context.close().catch(() => {});
    await fixture.browser?.close();
  });
  return fixture;
}

export interface BrowserAndServer extends BrowserFixture {
  /** The real app on a real port (test/helpers/http-server.ts). */
  server: RunningServer;
  /** A real SMTP server the app sends through; only with `{ smtp: true }`. */
  smtp: TestSmtpServer;
  /** Signs the file's staff member in through the real login form and checks it lands on its home page. */
  signIn(page: Page): Promise<void>;
  /** A fresh watched page (see newWatchedPage) with the staff member signed in. */
  signedInPage(): Promise<WatchedPage>;
}

/**
 * Registers beforeAll/afterAll for a browser test against the real server: Chromium (see
 * useBrowser), the server (with a real SMTP server when `smtp`), and with `staff` an account
 * `<role>@gemeente.test` with the known password (an admin without the second-factor
 * requirement); `env` adds configuration. Afterwards the server and the SMTP server are stopped, after the file's own
 * afterAll hooks.
 */
export function useBrowserAndServer(options: { smtp?: boolean; staff?: Role; env?: Record<string, string> } = {}): BrowserAndServer {
  const fixture = useBrowser() as BrowserAndServer;
  const { staff } = options;
  fixture.signIn = async (page) => {
    if (!staff) throw new Error('signIn needs useBrowserAndServer({ staff })');
    await signInThroughForm(page, fixture.server.url, `${staff}@gemeente.test`, homeFor(staff));
  };
  fixture.signedInPage = async () => {
    const watched = await fixture.newWatchedPage();
    await fixture.signIn(watched.page);
    return watched;
  };
  beforeAll(async () => {
    if (options.smtp) fixture.smtp = await new TestSmtpServer().start();
    fixture.server = await startServer({ ...options.env, ...(options.smtp ? { SMTP_URL: fixture.smtp.url } : {}) });
    if (staff === 'admin') allowAdminsWithoutSecondFactor(fixture.server.db, fixture.server.clock);
    if (staff) await createStaff(fixture.server.db, fixture.server.clock, staff);
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.smtp?.stop();
  });
  return fixture;
}
