import { EventLoopLoad } from './event-loop-load.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('EventLoopLoad', () => {
  const load = new EventLoopLoad();
  beforeEach(() => load.start());
  afterEach(() => load.stop());

  it('sees an idle loop as neither late nor busy', async () => {
    await sleep(300);
    expect(load.lagMs).toBeLessThan(50);
    expect(load.utilization).toBeLessThan(0.5);
  });

  it('sees a loop held by synchronous work as late while it is held, and after', async () => {
    await sleep(50);
    busyFor(200);
    // No sample could run: the lag seen now is how long the loop has been held.
    expect(load.lagMs).toBeGreaterThan(150);
    await sleep(30);
    expect(load.lagMs).toBeGreaterThan(50);
  });

  it('sees a loop that never rests as busy, though each of its turns is short', async () => {
    await sleep(50);
    const until = performance.now() + 400;
    // Short turns of 5 ms, one after the other: the lag stays small, the loop is saturated.
    while (performance.now() < until) {
      busyFor(5);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(load.lagMs).toBeLessThan(30);
    expect(load.utilization).toBeGreaterThan(0.9);
    await sleep(400);
    expect(load.utilization).toBeLessThan(0.5);
  });
});
