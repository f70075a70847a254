import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, linkBaseNote, organisationContactMissing, loadEnvFileIfPresent } from './config';
import { FIRST_ADMIN_LINK_HOURS, issueFirstAdminLink } from './auth/setup-links';
import { commitGroup } from './db/group-commit';
import { startJobs } from './jobs';
import { startBounceListener, type BounceListener } from './mail/bounce-listener';
import { handleBounce } from './mail/bounces';
import { dkimAligned, loadDkimSigning, mailFromDomain } from './mail/dkim';
import { createMailTransport } from './mail/transport';
import { openRuntime } from './runtime';

function log(message: string, error?: unknown) {
  const detail = error instanceof Error ? ` — ${error.stack ?? error.message}` : '';
  console.log(`${new Date().toISOString()} ${message}${detail}`);
}

/** A port the server cannot listen on: one line saying what to do, never a stack trace. */
function listenProblem(error: NodeJS.ErrnoException, port: number): string | undefined {
  if (error.code === 'EADDRINUSE') return `Port ${port} is already in use (is meethuis already running?): stop that process, or set PORT in .env to a free port.`;
  if (error.code === 'EACCES') return `Port ${port} may not be opened by this user: set PORT in .env to a port above 1023.`;
  return undefined;
}

function main() {
  const clock = systemClock;
  const { config, db, addressHashKey, dataKey, mail, demoJourneysLoaded, languageProblems } = openRuntime(clock);
  for (const problem of languageProblems) log(`Language file: ${problem}`);
  if (demoJourneysLoaded > 0) log(`Loaded ${demoJourneysLoaded} demo journeys into a fresh database.`);

  // An unreadable or invalid configured key stops the start here (ConfigError).
  const dkim = loadDkimSigning(config);
  const fromDomain = mailFromDomain(config.MAIL_FROM);
  if (dkim && fromDomain && !dkimAligned(dkim.domainName, fromDomain)) {
    log(`DKIM_DOMAIN ${dkim.domainName} does not match the domain of MAIL_FROM (${fromDomain}): receivers' DMARC checks will not count the signature. Sign with the MAIL_FROM domain.`);
  }
  const bounce = config.MAIL_BOUNCE_ADDRESS ? { address: config.MAIL_BOUNCE_ADDRESS, key: addressHashKey } : undefined;
  const transport = createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, dkim, bounce });
  // Outbox, ZGW inbox, invitation expiry and retention (src/jobs): each makes a round at the start.
  const jobs = startJobs({ config, db, addressHashKey, dataKey, mail, clock, transport, log, bounceHandler: (message) => handleBounce(db, { clock, addressHashKey }, message) });

  const app = createApp({
    db,
    config,
    clock,
    addressHashKey,
    dataKey,
    mailbox: transport.kind === 'mailbox',
    onMailQueued: () => jobs.wake('outbox'),
    onZgwNotification: () => jobs.wake('zgw'),
    log,
    jobs,
  });
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    log(`meethuis listens on http://localhost:${info.port} (links in mails use ${config.PUBLIC_URL})`);
    if (!process.env.PUBLIC_URL) log(linkBaseNote(config.PUBLIC_URL));
    if (organisationContactMissing(config)) {
      log('The privacy and accessibility statements give citizens no way to reach you: set ORGANISATION_EMAIL, ORGANISATION_PHONE, ORGANISATION_ADDRESS or ORGANISATION_URL (see /admin/privacy).');
    }
    const firstAdminToken = issueFirstAdminLink(db, clock.now());
    if (firstAdminToken) {
      // A one-time link, printed once to whoever started the server: there is no default password.
      log(`No admin account exists yet. Create it within ${FIRST_ADMIN_LINK_HOURS} hours at: ${config.PUBLIC_URL}/setup/${firstAdminToken}`);
    }
    if (transport.kind === 'mailbox') {
      log(`No SMTP_URL set: mails are kept in the embedded mailbox at ${config.PUBLIC_URL}/mailbox`);
    }
  });

  // Bounces for the tagged envelope senders, when the municipality routes them here (docs/surveys-and-mail.md#bounces).
  let bounceListener: BounceListener | undefined;
  if (config.BOUNCE_SMTP_PORT !== undefined && config.MAIL_BOUNCE_ADDRESS) {
    const port = config.BOUNCE_SMTP_PORT;
    startBounceListener(db, { clock, addressHashKey, bounceAddress: config.MAIL_BOUNCE_ADDRESS, port, host: config.BOUNCE_SMTP_HOST, log }).then(
      (listener) => {
        bounceListener = listener;
        log(`Bounces for ${config.MAIL_BOUNCE_ADDRESS} are received on SMTP port ${listener.port}`);
      },
      (error: NodeJS.ErrnoException) => {
        console.error(`${new Date().toISOString()} ${listenProblem(error, port)?.replace(/PORT/g, 'BOUNCE_SMTP_PORT') ?? `The bounce listener cannot start: ${error.message}`}`);
        process.exit(1);
      },
    );
  }

  server.on('error', (error: NodeJS.ErrnoException) => {
    const problem = listenProblem(error, config.PORT);
    if (!problem) throw error;
    console.error(`${new Date().toISOString()} ${problem}`);
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second signal (Ctrl+C twice): the operator does not want to wait.
      log(`${signal} received again: stopping now; unsent mail stays queued`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal} received: finishing requests and mail in progress`);
    // Whatever hangs (a client that never finishes, an SMTP server that never answers), the process
    // ends before an orchestrator's SIGKILL: a mail not marked sent is sent again with the same Message-ID.
    const deadline = setTimeout(() => {
      log(`Shutdown took over ${config.SHUTDOWN_TIMEOUT_SECONDS} s: closing remaining connections and exiting`);
      (server as Server).closeAllConnections();
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    deadline.unref();
    // Stop accepting; requests in progress finish; idle keep-alive connections are closed as they become idle.
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    const idleSweep = setInterval(() => (server as Server).closeIdleConnections(), 100);
    (server as Server).closeIdleConnections();
    // Every job's round in flight finishes: the mail being sent is marked sent, no further mail is handed to the transport.
    await Promise.all([httpClosed, jobs.stop(), bounceListener?.close()]);
    clearInterval(idleSweep);
    transport.close();
    // A group of requests answered at the next check phase is committed before the file closes.
    commitGroup(db.$client);
    db.$client.close();
    clearTimeout(deadline);
    log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

loadEnvFileIfPresent();
try {
  main();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
