/**
 * The browser engine's telemetry panel: the running graph's DOT, drawn with @viz-js/viz (Graphviz
 * compiled to WebAssembly, as the runtime's own dashboard draws it). Loaded on the first frame only.
 */
type Viz = { renderSVGElement(dot: string): SVGSVGElement };
let viz: Promise<Viz> | undefined;

/** Draws `dot` into `host`, replacing what was there; a DOT Graphviz refuses leaves the last picture. */
export async function drawTelemetry(host: HTMLElement, dot: string): Promise<void> {
  viz ??= import('@viz-js/viz').then((module) => module.instance() as Promise<Viz>);
  let svg: SVGSVGElement;
  try {
    svg = (await viz).renderSVGElement(dot);
  } catch {
    return;
  }
  svg.setAttribute('width', '100%');
  svg.removeAttribute('height');
  host.replaceChildren(svg);
}
