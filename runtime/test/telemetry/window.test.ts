import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/telemetry/percentile.ts';
import { RollingWindow } from '../../src/telemetry/window.ts';

describe('RollingWindow', () => {
  it('keeps only the last capacity samples', () => {
    const w = new RollingWindow(3);
    for (const v of [1, 2, 3, 4]) w.push(v);
    expect(w.snapshot()).toEqual([2, 3, 4]);
    expect(w.average()).toBe(3);
  });
  it('capacity 0 keeps everything', () => {
    const w = new RollingWindow(0);
    for (const v of [1, 2, 3, 4]) w.push(v);
    expect(w.average()).toBe(2.5);
  });
});

describe('percentile', () => {
  it('uses nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 80)).toBe(4);
    expect(percentile([5, 1, 4, 2, 3], 100)).toBe(5);
    expect(percentile([], 50)).toBe(0);
  });
});
