import { serve } from '@hono/node-server';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError } from './config';
import { FIRST_ADMIN_LINK_HOURS, issueFirstAdminLink } from './auth/setup-links';
import { expireInvitations } from './invitations/invitations';
import { runPanelJobs } from './panel/panel';
import { startOutboxWorker } from './mail/outbox-worker';
import { createMailTransport } from './mail/transport';
import { openRuntime } from './runtime';

function log(message: string, error?: unknown) {
  const detail = error instanceof Error ? ` — ${error.stack ?? error.message}` : '';
  console.log(`${new Date().toISOString()} ${message}${detail}`);
}

function main() {
  const clock = systemClock;
  const { config, db, addressHashKey, dataKey, demoJourneysLoaded } = openRuntime(clock);
  if (demoJourneysLoaded > 0) log(`Loaded ${demoJourneysLoaded} demo journeys into a fresh database.`);

  const transport = createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const worker = startOutboxWorker(db, transport, clock, {
    intervalMs: 2_000,
    onError: (error) => log('Outbox round failed; it will be retried', error),
  });
  const runExpiry = () => {
    try {
      expireInvitations(db, clock);
      // Consent panel: erase unconfirmed and expired members, queue renewal mails.
      if (runPanelJobs(db, { clock, config, dataKey }).renewalsQueued > 0) worker.wake();
    } catch (error) {
      log('Expiring invitations failed; it will be retried', error);
    }
  };
  runExpiry();
  const expiryTimer = setInterval(runExpiry, 60_000);
  expiryTimer.unref();

  const app = createApp({
    db,
    config,
    clock,
    addressHashKey,
    dataKey,
    mailbox: transport.kind === 'mailbox',
    onMailQueued: () => worker.wake(),
    log,
  });
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    log(`meethuis listens on http://localhost:${info.port} (links in mails use ${config.PUBLIC_URL})`);
    const firstAdminToken = issueFirstAdminLink(db, clock.now());
    if (firstAdminToken) {
      // A one-time link, printed once to whoever started the server: there is no default password.
      log(`No admin account exists yet. Create it within ${FIRST_ADMIN_LINK_HOURS} hours at: ${config.PUBLIC_URL}/setup/${firstAdminToken}`);
    }
    if (transport.kind === 'mailbox') {
      log(`No SMTP_URL set: mails are kept in the embedded mailbox at ${config.PUBLIC_URL}/mailbox`);
    }
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing requests and mail in progress`);
    clearInterval(expiryTimer);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await worker.stop();
    transport.close();
    db.$client.close();
    log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
