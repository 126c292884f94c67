/**
 * The graphs running in this thread, so that a host can stop a program gracefully without
 * knowing its graphs: a browser's Stop button asks each of them to shut down (what Ctrl-C
 * would do if a program handled it), then waits for the program to end.
 */
const running = new Set<() => void>();

/** Registers a started graph's shutdown request; returns the function to call once it stopped. */
export function trackRunningGraph(requestShutdown: () => void): () => void {
  running.add(requestShutdown);
  return () => running.delete(requestShutdown);
}

/** Asks every running graph to shut down; returns how many were asked. */
export function requestShutdownOfRunningGraphs(): number {
  const graphs = [...running];
  for (const requestShutdown of graphs) requestShutdown();
  return graphs.length;
}
