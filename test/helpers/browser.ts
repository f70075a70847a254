import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

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
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and fails with every
 * violation: rule id, the offending elements and axe's summary of what to fix.
 * The page must come from `browser.newContext()` (axe needs a context it can inject into).
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `[${violation.id}] (${violation.impact ?? 'n/a'}) ${JSON.stringify(node.target)}\n    ${(node.failureSummary ?? violation.help).replace(/\n/g, '\n    ')}`,
    ),
  );
  expect(report, `axe found WCAG violations on ${label}:\n${report.join('\n')}`).toEqual([]);
}
