/**
 * The poller every background job runs on: a round at the start and then every interval, never
 * two at once; a wake during a round gives exactly one more round; stop() aborts the round's signal
 * and waits for it; a failed round is reported and the next one comes anyway. Real timers, short.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startPoller, type Poller, type PollerOptions } from '../../src/jobs/poller';
import { TestClock } from '../helpers/test-context';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(5);
  }
}

/** A run that waits until the test releases it; counts rounds and how many ran at once. */
function gatedRun() {
  let release: () => void = () => {};
  const state = { rounds: 0, active: 0, maxActive: 0, signals: [] as AbortSignal[] };
  const run = async (signal: AbortSignal) => {
    state.rounds++;
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    state.signals.push(signal);
    await new Promise<void>((resolve) => (release = resolve));
    state.active--;
  };
  return { state, run, release: () => release() };
}

const pollers: Poller[] = [];
function start(options: Partial<PollerOptions> & Pick<PollerOptions, 'run'>) {
  const poller = startPoller({ name: 'test', intervalMs: 60_000, onError: () => {}, ...options });
  pollers.push(poller);
  return poller;
}
afterEach(async () => {
  for (const poller of pollers.splice(0)) await poller.stop();
});

describe('startPoller', () => {
  it('makes a round at the start and then one every interval', async () => {
    let rounds = 0;
    start({ intervalMs: 20, run: () => void rounds++ });
    await until(() => rounds >= 1, 'the first round');
    await until(() => rounds >= 4, 'rounds on the interval');
  });

  it('never runs two rounds at once, however short the interval or often it is woken', async () => {
    const { state, run, release } = gatedRun();
    const poller = start({ intervalMs: 1, run });
    await until(() => state.rounds === 1, 'the first round');
    for (let i = 0; i < 5; i++) poller.wake();
    await pause(30);
    expect(state.rounds).toBe(1);
    expect(poller.status().running).toBe(true);
    release();
    await until(() => state.rounds === 2, 'the next round');
    release();
    await until(() => state.rounds === 3, 'a round after that');
    expect(state.maxActive).toBe(1);
    release();
  });

  it('a wake during a round gives one more round right after it, not one per wake', async () => {
    const { state, run, release } = gatedRun();
    const poller = start({ intervalMs: 60_000, run });
    await until(() => state.rounds === 1, 'the first round');
    poller.wake();
    poller.wake();
    poller.wake();
    release();
    await until(() => state.rounds === 2, 'the round asked for during the first');
    release();
    await until(() => !poller.status().running, 'the second round to end');
    await pause(50);
    expect(state.rounds).toBe(2);

    // Idle, a wake starts a round at once instead of after the interval; wakes before it starts coalesce.
    poller.wake();
    poller.wake();
    await until(() => state.rounds === 3, 'the woken round');
    release();
    await until(() => !poller.status().running, 'the woken round to end');
    await pause(50);
    expect(state.rounds).toBe(3);
  });

  it('stop() aborts the round in flight, waits for it to finish and starts no further round', async () => {
    const { state, run, release } = gatedRun();
    const poller = start({ intervalMs: 1, run });
    await until(() => state.rounds === 1, 'the first round');
    poller.wake();
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    expect(state.signals[0]!.aborted).toBe(true);
    await pause(30);
    expect(stopped).toBe(false);
    expect(poller.status()).toMatchObject({ running: true, stopped: true });
    release();
    await stopping;
    expect(poller.status()).toMatchObject({ running: false, stopped: true });
    poller.wake();
    await pause(30);
    expect(state.rounds).toBe(1);
  });

  it('reports a failed round with its error, keeps it in the status and tries again the next round', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    const poller = start({
      intervalMs: 10,
      onError: (error) => errors.push(error),
      run: () => {
        rounds++;
        if (rounds <= 2) throw new Error(`round ${rounds} failed`);
      },
    });
    await until(() => rounds >= 2, 'two failing rounds');
    expect(errors.map((error) => (error as Error).message)).toEqual(['round 1 failed', 'round 2 failed']);
    await until(() => rounds >= 3 && !poller.status().running, 'a round that succeeds');
    expect(poller.status().lastError).toBeUndefined();

    const rejected = start({ intervalMs: 60_000, onError: (error) => errors.push(error), run: async () => Promise.reject(new Error('async failure')) });
    await until(() => rejected.status().lastRoundFinishedAt !== undefined, 'the rejected round');
    expect(rejected.status().lastError).toBe('async failure');
    expect(errors).toHaveLength(3);
  });

  it('reports its name, interval and the times of its last round by the given clock', async () => {
    const clock = new TestClock();
    const startedAt = clock.now();
    const { state, run, release } = gatedRun();
    const poller = start({ name: 'outbox', intervalMs: 60_000, clock, run });
    expect(poller.status()).toEqual({ name: 'outbox', intervalMs: 60_000, running: false, stopped: false, lastRoundStartedAt: undefined, lastRoundFinishedAt: undefined, lastError: undefined });
    await until(() => state.rounds === 1, 'the first round');
    clock.advanceMs(5_000);
    release();
    await until(() => !poller.status().running, 'the round to end');
    expect(poller.status()).toMatchObject({ lastRoundStartedAt: startedAt, lastRoundFinishedAt: new Date(startedAt.getTime() + 5_000), running: false });
  });
});
