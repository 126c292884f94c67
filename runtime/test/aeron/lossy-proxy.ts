/**
 * A lossy UDP proxy for tests: the publisher sends to the proxy, the proxy forwards to the
 * subscriber and carries the replies back. Each direction drops, duplicates and reorders
 * datagrams with its own seeded random stream. Loopback only.
 */
import dgram from 'node:dgram';
import { seededRandom } from './helpers.ts';

export interface LossSettings {
  drop: number;
  duplicate: number;
  /** Probability that a datagram is held back and released after 1–`reorderWindow` later ones. */
  reorder: number;
  reorderWindow: number;
}

export interface ProxyStats {
  forwarded: number;
  dropped: number;
  duplicated: number;
  reordered: number;
}

interface Held {
  data: Buffer;
  releaseAfter: number;
}

class Direction {
  readonly stats: ProxyStats = { forwarded: 0, dropped: 0, duplicated: 0, reordered: 0 };
  private held: Held[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly random: () => number,
    private readonly settings: LossSettings,
    private readonly out: (data: Buffer) => void,
  ) {}

  push(data: Buffer): void {
    const r = this.random();
    const s = this.settings;
    if (r < s.drop) {
      this.stats.dropped++;
    } else if (r < s.drop + s.reorder) {
      this.stats.reordered++;
      this.held.push({ data, releaseAfter: 1 + Math.floor(this.random() * s.reorderWindow) });
      this.armFlush();
      return;
    } else {
      this.emit(data);
      if (this.random() < s.duplicate) {
        this.stats.duplicated++;
        this.emit(data);
      }
    }
    this.tick();
  }

  private emit(data: Buffer): void {
    this.stats.forwarded++;
    this.out(data);
  }

  /** Each datagram that passes moves the held ones one step closer to release. */
  private tick(): void {
    if (this.held.length === 0) return;
    const keep: Held[] = [];
    for (const h of this.held) {
      if (--h.releaseAfter <= 0) this.emit(h.data);
      else keep.push(h);
    }
    this.held = keep;
  }

  /** When traffic stops, held datagrams still go out shortly after. */
  private armFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const held = this.held;
      this.held = [];
      for (const h of held) this.emit(h.data);
    }, 2);
  }

  close(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
  }
}

export class LossyProxy {
  private publisher: { address: string; port: number } | undefined;
  private readonly toSubscriber: Direction;
  private readonly toPublisher: Direction;

  private constructor(
    private readonly front: dgram.Socket,
    private readonly back: dgram.Socket,
    targetPort: number,
    seed: number,
    settings: LossSettings,
  ) {
    this.toSubscriber = new Direction(seededRandom(seed), settings, (d) =>
      back.send(d, targetPort, '127.0.0.1'),
    );
    this.toPublisher = new Direction(seededRandom(seed ^ 0x5bd1e995), settings, (d) => {
      if (this.publisher) front.send(d, this.publisher.port, this.publisher.address);
    });
    front.on('message', (msg, rinfo) => {
      this.publisher = { address: rinfo.address, port: rinfo.port };
      this.toSubscriber.push(msg);
    });
    back.on('message', (msg) => this.toPublisher.push(msg));
  }

  /** Starts a proxy on a fresh loopback port that forwards to 127.0.0.1:`targetPort`. */
  static async start(targetPort: number, seed: number, settings: LossSettings): Promise<LossyProxy> {
    const bind = () =>
      new Promise<dgram.Socket>((resolve) => {
        const s = dgram.createSocket('udp4');
        s.bind(0, '127.0.0.1', () => {
          s.setRecvBufferSize(4 * 1024 * 1024);
          resolve(s);
        });
      });
    const [front, back] = await Promise.all([bind(), bind()]);
    return new LossyProxy(front, back, targetPort, seed, settings);
  }

  get port(): number {
    return this.front.address().port;
  }

  get stats(): { toSubscriber: ProxyStats; toPublisher: ProxyStats } {
    return { toSubscriber: this.toSubscriber.stats, toPublisher: this.toPublisher.stats };
  }

  close(): void {
    this.toSubscriber.close();
    this.toPublisher.close();
    this.front.close();
    this.back.close();
  }
}
