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

  it('does not count one pause as sustained lag, while it lasts or after', async () => {
    await sleep(50);
    busyFor(200);
    expect(load.sustainedLagMs).toBeLessThan(50);
    await sleep(30);
    expect(load.sustainedLagMs).toBeLessThan(50);
  });

  it('counts the lag as sustained once the loop is late in successive turns', async () => {
    await sleep(50);
    for (let turn = 0; turn < 3; turn++) {
      busyFor(200);
      // Let the sampling timer run between the turns.
      await sleep(0);
    }
    expect(load.sustainedLagMs).toBeGreaterThan(150);
    await sleep(100);
    expect(load.sustainedLagMs).toBeLessThan(50);
  });

  it('does not read one long synchronous stretch as saturation', async () => {
    await sleep(50);
    busyFor(250);
    await sleep(0);
    expect(load.utilization).toBeLessThan(0.9);
  });

  it('sees a loop that never rests as busy, though each of its turns is short', async () => {
    await sleep(50);
    const until = performance.now() + 1_500;
    // Short turns of 5 ms, one after the other: the lag stays small, the loop is saturated.
    while (performance.now() < until) {
      busyFor(5);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(load.lagMs).toBeLessThan(30);
    expect(load.utilization).toBeGreaterThan(0.9);
    await sleep(700);
    expect(load.utilization).toBeLessThan(0.5);
  });
});
