/**
 * Counters a publication or subscription keeps, for the dashboard and the tests.
 * Plain numbers: at a billion events per second they stay exact for over a hundred days.
 */
export interface AeronCounters {
  bytesSent: number;
  bytesReceived: number;
  datagramsSent: number;
  datagramsReceived: number;
  /** Whole messages offered (publication) or delivered (subscription). */
  messagesSent: number;
  messagesReceived: number;
  retransmits: number;
  retransmittedBytes: number;
  naksSent: number;
  naksReceived: number;
  heartbeatsSent: number;
  heartbeatsReceived: number;
  setupsSent: number;
  setupsReceived: number;
  statusMessagesSent: number;
  statusMessagesReceived: number;
  errorFramesReceived: number;
  /** Frames that were malformed or made no sense for their image. */
  invalidFrames: number;
  /** Frames of types this transport does not implement (resolution, security, extension). */
  unknownFrames: number;
  /** Times the sender had data but the receiver's window held it back. */
  flowControlStalls: number;
  /** Offers refused as back-pressured. */
  backPressured: number;
  imagesCreated: number;
  imagesClosed: number;
  /** Gaps skipped by an unreliable (reliable=false) subscription. */
  gapsFilled: number;
}

export function newCounters(): AeronCounters {
  return {
    bytesSent: 0,
    bytesReceived: 0,
    datagramsSent: 0,
    datagramsReceived: 0,
    messagesSent: 0,
    messagesReceived: 0,
    retransmits: 0,
    retransmittedBytes: 0,
    naksSent: 0,
    naksReceived: 0,
    heartbeatsSent: 0,
    heartbeatsReceived: 0,
    setupsSent: 0,
    setupsReceived: 0,
    statusMessagesSent: 0,
    statusMessagesReceived: 0,
    errorFramesReceived: 0,
    invalidFrames: 0,
    unknownFrames: 0,
    flowControlStalls: 0,
    backPressured: 0,
    imagesCreated: 0,
    imagesClosed: 0,
    gapsFilled: 0,
  };
}

/** The counters of several publications (one per lane) as one. */
export function sumCounters(all: readonly AeronCounters[]): AeronCounters {
  const total = newCounters();
  for (const counters of all) {
    for (const key of Object.keys(total) as (keyof AeronCounters)[]) total[key] += counters[key];
  }
  return total;
}

/** The counters that tell whether a transfer was clean, as `key=value` pairs for logs and scripts. */
export function describeCounters(c: AeronCounters): string {
  const shown: (keyof AeronCounters)[] = [
    'messagesSent',
    'messagesReceived',
    'bytesSent',
    'bytesReceived',
    'datagramsSent',
    'datagramsReceived',
    'retransmits',
    'naksSent',
    'naksReceived',
    'backPressured',
    'flowControlStalls',
    'invalidFrames',
  ];
  return shown.map((key) => `${key}=${c[key]}`).join(' ');
}

/** What a publishing aqueduct shows on the dashboard: what went out, and what had to be repaired. */
export const PUBLISHED_COUNTERS = [
  'messagesSent',
  'bytesSent',
  'datagramsSent',
  'retransmits',
  'naksReceived',
  'backPressured',
] as const satisfies readonly (keyof AeronCounters)[];

/** What a subscribing aqueduct shows: what came in, what it asked to be resent, what made no sense. */
export const SUBSCRIBED_COUNTERS = [
  'messagesReceived',
  'bytesReceived',
  'datagramsReceived',
  'naksSent',
  'invalidFrames',
] as const satisfies readonly (keyof AeronCounters)[];
