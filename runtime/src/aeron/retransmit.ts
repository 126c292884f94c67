/**
 * Answers NAKs from the publisher's retained terms, as Aeron's retransmit handler does. A NAK
 * is trusted only where our own frame header says a frame starts. Each accepted NAK becomes an
 * action: it waits `delayMs` (0 for unicast: resend at once), resends the range MTU-packed, then
 * lingers for `lingerMs`, during which NAKs starting inside the same range are coalesced into it
 * (a duplicate NAK, or several receivers asking for the same loss, cause one resend). Time comes
 * in as `nowMs` on every call; nothing here reads a clock.
 */
import { isFrameAligned, sessionIdAt, termIdAt, termOffsetAt } from './data-header.ts';
import { type DatagramExtent, measureDatagram, type PublisherLog } from './publisher-log.ts';

export interface RetransmitOptions {
  /** Wait before resending (ms; 0 resends while handling the NAK). */
  delayMs: number;
  /** After resending, NAKs inside the resent range are ignored this long (ms). */
  lingerMs: number;
  /** At most this many actions at once; further NAKs are dropped (the receiver asks again). */
  maxActions: number;
}

export const DEFAULT_RETRANSMIT: RetransmitOptions = { delayMs: 0, lingerMs: 2, maxActions: 64 };

/** Where retransmissions come from and go to. */
export interface RetransmitSource {
  readonly log: PublisherLog;
  /** How much of `termId` has been sent: a retransmission never goes past it. */
  sentEnd(termId: number): number;
  send(buf: Buffer, offset: number, length: number): void;
}

interface Action {
  termId: number;
  termOffset: number;
  length: number;
  lingering: boolean;
  /** When the delay ends (not lingering) or the linger ends (lingering). */
  expiresAt: number;
}

/** What `onNak` did with a NAK. */
export type NakOutcome = 'resent' | 'delayed' | 'coalesced' | 'dropped' | 'invalid';

export class Retransmitter {
  private readonly actions: Action[] = [];
  private readonly extent: DatagramExtent = { advance: 0, wire: 0 };

  constructor(
    private readonly source: RetransmitSource,
    private readonly options: RetransmitOptions = DEFAULT_RETRANSMIT,
  ) {}

  /** Actions waiting or lingering. */
  get activeCount(): number {
    return this.actions.length;
  }

  /** The time `doWork` next has something to do, or +Infinity. */
  get nextDeadline(): number {
    // Read after every event: an indexed loop allocates no iterator.
    const actions = this.actions;
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < actions.length; i++) {
      const at = actions[i]!.expiresAt;
      if (at < next) next = at;
    }
    return next;
  }

  /** Handles one NAK for `length` bytes from (`termId`, `termOffset`). */
  onNak(termId: number, termOffset: number, length: number, nowMs: number): NakOutcome {
    if (!this.pointsAtOurFrame(termId, termOffset, length)) return 'invalid';
    for (const a of this.actions) {
      if (a.termId === termId && termOffset >= a.termOffset && termOffset < a.termOffset + a.length)
        return 'coalesced';
    }
    if (this.actions.length >= this.options.maxActions) return 'dropped';
    const action: Action = { termId, termOffset, length, lingering: false, expiresAt: nowMs };
    this.actions.push(action);
    if (this.options.delayMs > 0) {
      action.expiresAt = nowMs + this.options.delayMs;
      return 'delayed';
    }
    this.resend(action, nowMs);
    return 'resent';
  }

  /** Resends the actions whose delay is over and forgets those whose linger is over. */
  doWork(nowMs: number): void {
    for (let i = 0; i < this.actions.length; ) {
      const a = this.actions[i]!;
      if (a.expiresAt > nowMs) i++;
      else if (a.lingering) this.actions.splice(i, 1);
      else {
        this.resend(a, nowMs);
        i++;
      }
    }
  }

  private resend(action: Action, nowMs: number): void {
    action.lingering = true;
    action.expiresAt = nowMs + this.options.lingerMs;
    const { log, send } = this.source;
    const term = log.partitionFor(action.termId);
    if (term === undefined) return; // the term was reused meanwhile: nothing left to resend
    const end = Math.min(this.source.sentEnd(action.termId), action.termOffset + action.length);
    for (let at = action.termOffset; at < end; ) {
      const { advance, wire } = measureDatagram(term, at, end, log.id.mtu, false, this.extent);
      if (wire === 0) break;
      send.call(this.source, term, at, wire);
      at += advance;
    }
  }

  /** True when the NAK names the start of a frame we wrote and have sent. */
  private pointsAtOurFrame(termId: number, termOffset: number, length: number): boolean {
    const log = this.source.log;
    const term = log.partitionFor(termId);
    if (term === undefined || termOffset < 0 || !isFrameAligned(termOffset) || length <= 0) return false;
    if (termOffset >= this.source.sentEnd(termId)) return false;
    return (
      termOffsetAt(term, termOffset) === termOffset &&
      sessionIdAt(term, termOffset) === log.id.sessionId &&
      termIdAt(term, termOffset) === termId
    );
  }
}
