import type { AlertDeps } from '../callbacks/alerts';
import { queueCallbackAlerts } from '../callbacks/alerts';
import type { Clock } from '../clock';
import { startPoller, type Poller } from './poller';

/** Mails KCC subscribers about new call-back requests (at most one mail an hour each; src/callbacks/alerts.ts). */
export function startCallbackAlertJob(
  deps: AlertDeps & { clock: Clock },
  options: { intervalMs: number; onMailQueued?: () => void; onError: (error: unknown) => void },
): Poller {
  return startPoller({
    name: 'callbackAlerts',
    intervalMs: options.intervalMs,
    clock: deps.clock,
    onError: options.onError,
    run: () => {
      if (queueCallbackAlerts(deps, deps.clock.now()) > 0) options.onMailQueued?.();
    },
  });
}
