/**
 * The telemetry panel's drawing rules, with a fake clock and fake visibility: the first picture at
 * once wherever the panel is, then the newest DOT at most once a second, and only while the panel
 * is seen; a panel that comes into view is brought up to date at once.
 */
import { describe, expect, it } from 'vitest';
import { MIN_INTERVAL_MS, TelemetryView } from '../src/client/browser/telemetry-view.ts';

function harness({ visible = true, drawMs = 0 } = {}) {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const drawn: string[] = [];
  let setVisible: (v: boolean) => void = () => {};
  let firstPictures = 0;
  let unwatched = false;
  const host = {} as HTMLElement;
  const view = new TelemetryView(
    {
      host: () => host,
      watchVisibility(changed) {
        setVisible = changed;
        changed(visible);
        return () => {
          unwatched = true;
        };
      },
      draw: async (_host, dot) => {
        if (drawMs) await new Promise<void>((resolve) => timers.push({ at: now + drawMs, run: resolve }));
        drawn.push(dot);
        return dot !== 'refused';
      },
      now: () => now,
      later: (run, ms) => timers.push({ at: now + ms, run }),
    },
    () => firstPictures++,
  );
  /** Moves the fake clock, running what falls due (and what that schedules) in order. */
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      await Promise.resolve();
      await Promise.resolve();
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now = next.at;
      next.run();
    }
    now = end;
    await Promise.resolve();
    await Promise.resolve();
  }
  return {
    view,
    drawn,
    advance,
    setVisible: (v: boolean) => setVisible(v),
    firstPictures: () => firstPictures,
    unwatched: () => unwatched,
  };
}

describe('TelemetryView', () => {
  it('draws the first DOT at once, even with the panel out of view, and tells the page once', async () => {
    const h = harness({ visible: false });
    h.view.show('a');
    await h.advance(0);
    expect(h.drawn).toEqual(['a']);
    expect(h.firstPictures()).toBe(1);
    h.setVisible(true);
    h.view.show('b');
    await h.advance(MIN_INTERVAL_MS);
    expect(h.drawn).toEqual(['a', 'b']);
    expect(h.firstPictures()).toBe(1);
  });

  it('draws at most one picture a second, always the newest DOT', async () => {
    const h = harness();
    h.view.show('a');
    await h.advance(0);
    for (const dot of ['b', 'c', 'd']) {
      h.view.show(dot);
      await h.advance(250);
    }
    expect(h.drawn).toEqual(['a']);
    await h.advance(MIN_INTERVAL_MS);
    expect(h.drawn).toEqual(['a', 'd']);
    h.view.show('d'); // the same DOT again is not drawn again
    await h.advance(5 * MIN_INTERVAL_MS);
    expect(h.drawn).toEqual(['a', 'd']);
    expect([h.view.dots, h.view.pictures]).toEqual([5, 2]);
  });

  it('draws nothing while the panel is out of view, and the newest DOT as soon as it comes back', async () => {
    const h = harness();
    h.view.show('a');
    await h.advance(0);
    h.setVisible(false);
    for (const dot of ['b', 'c']) {
      h.view.show(dot);
      await h.advance(2 * MIN_INTERVAL_MS);
    }
    expect(h.drawn).toEqual(['a']);
    expect(h.view.upToDate).toBe(false);
    h.setVisible(true);
    await h.advance(0);
    expect(h.drawn).toEqual(['a', 'c']);
    expect(h.view.upToDate).toBe(true);
  });

  it('never draws two pictures at once: a DOT that comes during a slow picture is drawn after it', async () => {
    const h = harness({ drawMs: 3 * MIN_INTERVAL_MS });
    h.view.show('a');
    await h.advance(10);
    h.view.show('b');
    h.view.show('c');
    await h.advance(3 * MIN_INTERVAL_MS);
    expect(h.drawn).toEqual(['a']);
    await h.advance(3 * MIN_INTERVAL_MS);
    expect(h.drawn).toEqual(['a', 'c']);
  });

  it('a DOT Graphviz refuses is not the first picture; the next one that draws is', async () => {
    const h = harness();
    h.view.show('refused');
    await h.advance(0);
    expect(h.firstPictures()).toBe(0);
    h.view.show('a');
    await h.advance(0);
    expect(h.drawn).toEqual(['refused', 'a']);
    expect(h.firstPictures()).toBe(1);
  });

  it('stops watching the panel when disposed', () => {
    const h = harness();
    h.view.dispose();
    expect(h.unwatched()).toBe(true);
  });
});
