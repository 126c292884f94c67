/** A rolling window of samples: the last `capacity` values (0 = everything since start). */
export class RollingWindow {
  private readonly values: number[] = [];
  private sum = 0;

  constructor(readonly capacity: number) {}

  push(value: number): void {
    this.values.push(value);
    this.sum += value;
    if (this.capacity > 0 && this.values.length > this.capacity) this.sum -= this.values.shift() ?? 0;
  }

  get size(): number {
    return this.values.length;
  }

  average(): number {
    return this.values.length === 0 ? 0 : this.sum / this.values.length;
  }

  snapshot(): readonly number[] {
    return this.values;
  }
}
