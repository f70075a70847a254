import { systemClock, type Clock } from '../clock';

export interface JobStatus {
  name: string;
  intervalMs: number;
  /** Whether a round is in progress now. */
  running: boolean;
  stopped: boolean;
  /** When the last round began and ended (by the job's clock); undefined before the first. */
  lastRoundStartedAt?: Date;
  lastRoundFinishedAt?: Date;
  /** The message of the last round's error; cleared by the next round that succeeds. */
  lastError?: string;
}

export interface Poller {
  /** Ask for a round soon; during a round, one more round follows it (however often it is asked). */
  wake(): void;
  /** No further round starts; the signal of the round in flight is aborted and that round is awaited. */
  stop(): Promise<void>;
  /** For /readyz: whether the job still makes its rounds. */
  status(): JobStatus;
}

export interface PollerOptions {
  name: string;
  /** Pause between the end of one round and the start of the next. */
  intervalMs: number;
  run: (signal: AbortSignal) => Promise<void> | void;
  /** A failed round is reported here; the next round comes as usual. */
  onError: (error: unknown) => void;
  clock?: Clock;
}

/**
 * The one shape of background work: a round right after the start, then one every intervalMs,
 * never two at once. Timers are unref'd, so a job alone does not keep the process alive.
 */
export function startPoller(options: PollerOptions): Poller {
  const clock = options.clock ?? systemClock;
  const stopSignal = new AbortController();
  let inFlight: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRoundStartedAt: Date | undefined;
  let lastRoundFinishedAt: Date | undefined;
  let lastError: string | undefined;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (stopSignal.signal.aborted) return;
    timer = setTimeout(round, delayMs);
    timer.unref();
  };

  const runOnce = async () => {
    lastRoundStartedAt = clock.now();
    try {
      await options.run(stopSignal.signal);
      lastError = undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      options.onError(error);
    } finally {
      lastRoundFinishedAt = clock.now();
    }
  };

  function round() {
    if (stopSignal.signal.aborted) return;
    again = false;
    inFlight = runOnce().finally(() => {
      inFlight = undefined;
      schedule(again ? 0 : options.intervalMs);
    });
  }

  schedule(0);
  return {
    wake() {
      if (inFlight) again = true;
      else schedule(0);
    },
    async stop() {
      stopSignal.abort();
      clearTimeout(timer);
      await inFlight;
    },
    status: () => ({
      name: options.name,
      intervalMs: options.intervalMs,
      running: inFlight !== undefined,
      stopped: stopSignal.signal.aborted,
      lastRoundStartedAt,
      lastRoundFinishedAt,
      lastError,
    }),
  };
}
