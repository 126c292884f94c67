/**
 * The browser engine's telemetry panel: the running graph's DOT, drawn with @viz-js/viz (Graphviz
 * compiled to WebAssembly, as the runtime's own dashboard draws it). Loaded on the first frame only.
 *
 * A picture costs the page's main thread tens of milliseconds (the layout, then the SVG's style,
 * layout and paint), and the program sends a new DOT four times a second. On a two-core laptop
 * that is time taken from the lesson's own threads, so a picture is drawn only when someone can
 * see it: the first one always (it shows the panel), then at most one a `MIN_INTERVAL_MS`, only
 * while the panel (or the enlarged box that copies it) is on screen and the tab visible, and always
 * the newest DOT (older ones that arrived meanwhile are dropped). A panel scrolled back into view is
 * brought up to date at once.
 */
type Viz = { renderSVGElement(dot: string): SVGSVGElement };
let viz: Promise<Viz> | undefined;

/** Least time between two pictures of a running graph. */
export const MIN_INTERVAL_MS = 1000;

/** Draws `dot` into `host`, replacing what was there; false when Graphviz refuses it (the last picture stays). */
export async function drawTelemetry(host: HTMLElement, dot: string): Promise<boolean> {
  viz ??= import('@viz-js/viz').then((module) => module.instance() as Promise<Viz>);
  let svg: SVGSVGElement;
  try {
    svg = (await viz).renderSVGElement(dot);
  } catch {
    return false;
  }
  svg.setAttribute('width', '100%');
  svg.removeAttribute('height');
  host.replaceChildren(svg);
  return true;
}

/** What the view needs from the page: where to draw, what "seen" means, and the time. */
export interface TelemetryViewPorts {
  /** Where pictures go (undefined while the panel is not mounted). */
  readonly host: () => HTMLElement | undefined;
  /** Calls `changed(visible)` whenever the panel comes into or leaves view; returns an unsubscribe. */
  readonly watchVisibility: (changed: (visible: boolean) => void) => () => void;
  readonly draw: (host: HTMLElement, dot: string) => Promise<boolean>;
  readonly now: () => number;
  readonly later: (callback: () => void, ms: number) => void;
}

export class TelemetryView {
  /** DOTs received and pictures drawn so far (the page's handle shows them to the tests). */
  dots = 0;
  pictures = 0;
  private latest: string | undefined;
  private drawn: string | undefined;
  /** Whether a picture is on the panel (a DOT Graphviz refused put none there). */
  private pictured = false;
  private drawing = false;
  private scheduled = false;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private visible = false;
  private readonly unwatch: () => void;

  constructor(
    private readonly ports: TelemetryViewPorts,
    private readonly onFirstPicture: () => void,
  ) {
    this.unwatch = ports.watchVisibility((visible) => {
      this.visible = visible;
      if (visible) this.update();
    });
  }

  /** Whether someone can see the pictures now (the panel or the enlarged box on screen, the tab visible). */
  get seen(): boolean {
    return this.visible;
  }

  /** Whether the panel shows the newest DOT (or nothing newer than it has come). */
  get upToDate(): boolean {
    return this.latest === undefined || this.latest === this.drawn;
  }

  /** A new DOT from the running program. */
  show(dot: string): void {
    this.dots += 1;
    this.latest = dot;
    this.update();
  }

  dispose(): void {
    this.unwatch();
  }

  private update(): void {
    if (this.drawing || this.scheduled || this.latest === undefined || this.latest === this.drawn) return;
    const first = !this.pictured;
    if (!first && !this.visible) return; // drawn when the panel comes into view
    const wait = first ? 0 : this.lastDrawAt + MIN_INTERVAL_MS - this.ports.now();
    if (wait > 0) {
      this.scheduled = true;
      this.ports.later(() => {
        this.scheduled = false;
        this.update();
      }, wait);
      return;
    }
    void this.drawLatest(first);
  }

  private async drawLatest(first: boolean): Promise<void> {
    const host = this.ports.host();
    const dot = this.latest;
    if (!host || dot === undefined) return;
    this.drawing = true;
    this.lastDrawAt = this.ports.now();
    try {
      const drawn = await this.ports.draw(host, dot);
      this.drawn = dot;
      if (drawn) this.pictures += 1;
      if (drawn && first) {
        this.pictured = true;
        this.onFirstPicture();
      }
    } finally {
      this.drawing = false;
    }
    this.update(); // a newer DOT may have come while this one was drawn
  }
}

/**
 * The page's own ports: the places the picture shows, watched with an IntersectionObserver, and
 * the tab's visibility. The places are the panel (`host`'s parent, laid out even while the picture
 * is hidden before the first one) and the enlarged box (`enlarged`: laid out only while it is open,
 * and it copies the panel's pictures, so the panel must keep drawing while the box shows them even
 * with the panel itself scrolled away behind it). Made once the first DOT comes, when the panel is
 * mounted; without one, the view counts as seen.
 */
export function pagePorts(
  host: () => HTMLElement | undefined,
  enlarged: () => HTMLElement | undefined,
): TelemetryViewPorts {
  return {
    host,
    watchVisibility(changed) {
      const panel = host()?.parentElement;
      if (!panel) {
        changed(true);
        return () => {};
      }
      // An observer reports only the places whose state changed: remember each one's.
      const onScreen = new Map<Element, boolean>();
      const report = () =>
        changed([...onScreen.values()].some(Boolean) && document.visibilityState === 'visible');
      const observer = new IntersectionObserver((entries) => {
        for (const entry of entries) onScreen.set(entry.target, entry.isIntersecting);
        report();
      });
      for (const place of [panel, enlarged()]) if (place) observer.observe(place);
      document.addEventListener('visibilitychange', report);
      return () => {
        observer.disconnect();
        document.removeEventListener('visibilitychange', report);
      };
    },
    draw: drawTelemetry,
    now: () => performance.now(),
    later: (callback, ms) => void setTimeout(callback, ms),
  };
}
