import type { Clock } from '../clock';
import type { BounceHandler } from '../mail/bounce-mailbox';
import type { MailTransport } from '../mail/transport';
import type { Runtime } from '../runtime';
import { startBounceMailboxJob } from './bounce-mailbox';
import { startCallbackAlertJob } from './callback-alerts';
import { startDigestJob } from './digest';
import { startExpiryJob } from './expiry';
import { startOutboxWorker } from './outbox';
import type { JobStatus, Poller } from './poller';
import { startRetentionJob } from './retention';
import { startThemesJob } from './themes';
import { startZgwWorker } from './zgw';

export interface JobsDeps extends Runtime {
  clock: Clock;
  transport: MailTransport;
  log: (message: string, error?: unknown) => void;
  /** Handles a bounce read from BOUNCE_IMAP_URL; without it the bounce mailbox is not read. */
  bounceHandler?: BounceHandler;
}

export type JobName = 'outbox' | 'zgw' | 'expiry' | 'retention' | 'themes' | 'digest' | 'callbackAlerts';

export interface Jobs {
  /** Ask a job for a round soon (after it got work: a queued mail, a stored ZGW notification). */
  wake(name: JobName): void;
  /** Stops every job and waits for the rounds in flight (the mail being handed over finishes). */
  stop(): Promise<void>;
  /** For /readyz. */
  statuses(): JobStatus[];
}

/** Every background job of the server, each on the poller of ./poller; a round of each at the start. */
export function startJobs(deps: JobsDeps): Jobs {
  const { db, clock, config, addressHashKey, dataKey, mail, transport, log, bounceHandler } = deps;
  const outbox = startOutboxWorker(db, transport, { clock, config, mail }, {
    intervalMs: 2_000,
    onError: (error) => log('Outbox round failed; it will be retried', error),
  });
  const jobs: Record<JobName, Poller> = {
    outbox,
    // ZGW notifications from the durable inbox: retried with backoff; the last days reconciled every 24 hours.
    zgw: startZgwWorker(db, { clock, config, addressHashKey, dataKey, mail }, {
      intervalMs: 5_000,
      reconcileEveryMs: 24 * 60 * 60_000,
      onMailQueued: () => outbox.wake(),
      onError: (error) => log('ZGW round failed; it will be retried', error),
    }),
    expiry: startExpiryJob(db, { clock, config, dataKey, mail }, {
      intervalMs: 60_000,
      onMailQueued: () => outbox.wake(),
      onError: (error) => log('Expiring invitations failed; it will be retried', error),
    }),
    retention: startRetentionJob(db, { clock, config }, {
      intervalMs: 60 * 60_000,
      log,
      onError: (error) => log('Retention run failed; it will be retried', error),
    }),
    themes: startThemesJob(db, clock, { intervalMs: 30_000, onError: (error) => log('Counting comment themes failed; it will be retried', error) }),
    // The staff digest, queued once per subscriber after each month or week ends.
    digest: startDigestJob({ db, clock, config, mail }, {
      intervalMs: 15 * 60_000,
      onMailQueued: () => outbox.wake(),
      log,
      onError: (error) => log('Digest round failed; it will be retried', error),
    }),
    // KCC staff who asked for it: a mail about new call-back requests, at most one an hour each.
    callbackAlerts: startCallbackAlertJob({ db, clock, config, mail }, {
      intervalMs: 5 * 60_000,
      onMailQueued: () => outbox.wake(),
      onError: (error) => log('Call-back alert round failed; it will be retried', error),
    }),
  };
  // Bounces from an IMAP mailbox, every minute, when one is configured (nothing to wake it: mail arrives there).
  const bounceMailbox =
    config.BOUNCE_IMAP_URL && bounceHandler
      ? startBounceMailboxJob({ db, clock, url: config.BOUNCE_IMAP_URL }, bounceHandler, {
          intervalMs: 60_000,
          onError: (error) => log('Reading the bounce mailbox failed; it will be retried', error),
        })
      : undefined;
  const all = [...Object.values(jobs), ...(bounceMailbox ? [bounceMailbox] : [])];
  return {
    wake: (name) => jobs[name].wake(),
    async stop() {
      await Promise.all(all.map((job) => job.stop()));
    },
    statuses: () => all.map((job) => job.status()),
  };
}
