import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { nl } from '../../src/texts';
import { STAFF_PASSWORD } from './staff';

export interface WatchedPage {
  page: Page;
  /** securitypolicyviolation events seen by the pages: "directive blocked-uri on path". */
  cspViolations: string[];
  /** Console messages Chromium wrote about the CSP ("Refused to …"). */
  cspConsole: string[];
  /** Every console message, for the failure report. */
  console: string[];
  pageErrors: string[];
}

/**
 * A fresh page in its own context that reports every CSP violation. The listener is injected
 * through the DevTools protocol (addInitScript), which the page's CSP does not govern, and
 * reports back through an exposed binding, so it survives navigations. The context is pushed
 * onto `contexts` so the caller can close it.
 */
export async function newWatchedPage(browser: Browser, contexts: BrowserContext[]): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  const page = await context.newPage();
  const watched: WatchedPage = { page, cspViolations: [], cspConsole: [], console: [], pageErrors: [] };
  await page.exposeFunction('__meethuisReportCsp', (report: string) => watched.cspViolations.push(report));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __meethuisReportCsp: (r: string) => void }).__meethuisReportCsp;
      report(`${event.effectiveDirective} ${event.blockedURI || '(inline)'} on ${location.pathname}`);
    });
  });
  page.on('console', (message) => {
    const line = `${message.type()}: ${message.text()} (${page.url()})`;
    watched.console.push(line);
    if (/content security policy|refused to/i.test(message.text())) watched.cspConsole.push(line);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(String(error)));
  return watched;
}

export function expectNoCspViolations(watched: WatchedPage, label: string) {
  expect(watched.cspViolations, `CSP violations (${label})`).toEqual([]);
  expect(watched.cspConsole, `CSP console messages (${label})\n${watched.console.join('\n')}`).toEqual([]);
  expect(watched.pageErrors, `page errors (${label})`).toEqual([]);
}

/**
 * Runs an action that posts a form and returns the POST's status once the resulting page has loaded.
 * The wait is on the browser's own load event, not a script in the page, so it holds with JavaScript off.
 */
export async function submitting(page: Page, action: () => Promise<void>): Promise<number> {
  const loaded = page.waitForEvent('load');
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), action()]);
  await loaded;
  return response.status();
}

/**
 * Runs an action that leads to a GET navigation of the page (a link, a GET form) and returns
 * the status of the document that was finally loaded.
 */
export async function navigating(page: Page, action: () => Promise<void>): Promise<number> {
  const loaded = page.waitForEvent('load');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400)),
    action(),
  ]);
  await loaded;
  return response.status();
}

/** The page's path and query string. */
export const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** Signs in through the real login form (a 303); with `landsOn`, also checks the page it lands on. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, landsOn?: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(nl.auth.email, { exact: true }).fill(email);
  await page.getByLabel(nl.auth.password, { exact: true }).fill(STAFF_PASSWORD);
  expect(await submitting(page, () => page.getByRole('button', { name: nl.auth.login, exact: true }).click())).toBe(303);
  if (landsOn !== undefined) expect(pathOf(page)).toBe(landsOn);
}
