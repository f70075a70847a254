import { Hono } from 'hono';
import { StatementPage } from '../../views/statements/statement-page';
import { renderPage } from '../http/render';
import { nl } from '../texts';

/** The statements citizens expect, linked from every page: /privacy and /toegankelijkheid. */
export function statementRoutes({ organisation, rules }: { organisation: string; rules: { expiryDays: number; fatigueDays: number } }) {
  const app = new Hono();
  app.get('/privacy', (c) =>
    renderPage(c, <StatementPage title={nl.statements.privacyTitle} organisation={organisation} sections={nl.statements.privacy(organisation, rules)} />),
  );
  app.get('/toegankelijkheid', (c) =>
    renderPage(
      c,
      <StatementPage title={nl.statements.accessibilityTitle} organisation={organisation} sections={nl.statements.accessibility(organisation)} />,
    ),
  );
  return app;
}
