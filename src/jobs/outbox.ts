import type { Db } from '../db/client';
import { deliverDueMails, MAIL_BATCH_SIZE, type OutboxDeps } from '../mail/outbox-worker';
import type { MailTransport } from '../mail/transport';
import { startPoller, type Poller } from './poller';

export type OutboxWorker = Poller;

/** Polls the outbox; one round at a time, so a mail is never handed to the transport twice at once. */
export function startOutboxWorker(
  db: Db,
  transport: MailTransport,
  deps: OutboxDeps,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): OutboxWorker {
  const worker = startPoller({
    name: 'outbox',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError ?? (() => {}),
    run: async (signal) => {
      const report = await deliverDueMails(db, transport, deps, MAIL_BATCH_SIZE, () => signal.aborted);
      // A full batch sent means more may be waiting right now.
      if (report.sent + report.cancelled >= MAIL_BATCH_SIZE) worker.wake();
    },
  });
  return worker;
}
