/**
 * The playground's engine and session: which engine runs this page, Run / Test / Stop with the
 * terminal cleared first, grades recorded as progress, the graph the browser engine draws, and the
 * `window.steadyPlayground` handle (for the end-to-end tests, the benchmark and curious learners).
 */
import { computed, type Ref, reactive, ref } from 'vue';
import type { LessonBundle } from '../../shared/lesson.ts';
import { pagePorts, TelemetryView } from '../browser/telemetry-view.ts';
import { liveWorkers } from '../browser/workers.ts';
import { BrowserEngine } from '../engine/browser.ts';
import { selectEngine } from '../engine/select.ts';
import type { Engine } from '../engine/types.ts';
import { HintStore, withPageHints } from '../hints.ts';
import { recordGrade } from '../storage.ts';
import { initialState, PlaygroundSession } from './session.ts';
import type { TerminalPanel } from './terminal.ts';
import { TerminalSink } from './terminal-sink.ts';

export const ENGINE_LABELS: Record<Engine['kind'], string> = {
  native: 'Native mode',
  browser: 'In this browser',
  webcontainer: 'In the browser (WebContainers)',
};

export interface SessionInputs {
  /** The learner's current text of every editable file. */
  readonly edits: () => Record<string, string>;
  /** Where the browser engine draws the running graph (no dashboard server in a tab). */
  readonly graphHost: Ref<HTMLElement | undefined>;
  /** Where the enlarged box shows a copy of it (the panel draws on while the box is seen). */
  readonly enlargedGraph: () => HTMLElement | undefined;
}

export function usePlaygroundSession(inputs: SessionInputs) {
  const state = reactive(initialState());
  const engineKind = ref<Engine['kind'] | null>(null);
  const graphShown = ref(false);
  const busy = computed(() => state.running !== null);
  /** The last Run has sent the browser engine's telemetry panel a graph (`telemetryLive` while it runs). */
  const graphFed = ref(false);
  /** A run is feeding the telemetry panel: a graph (this browser) or a dashboard's address (a runner). */
  const telemetryLive = computed(
    () => state.running === 'start' && (graphFed.value || state.telemetryUrl !== null),
  );
  /** Present once an engine is chosen (a template reads `ready` to enable the buttons). */
  const ready = ref(false);
  /** The handle in the console, extended as the playground gets its parts. */
  const handle: Record<string, unknown> = {};
  let session: PlaygroundSession | undefined;
  const terminal = new TerminalSink();
  const write = terminal.write;
  /** How many grades this page has received (the end-to-end tests wait for the next one). */
  let gradings = 0;
  const disposers: (() => void)[] = [];

  /**
   * Chooses the engine and boots it early (WebContainers take a while), so Run is quick when pressed.
   * Run is enabled from here on; the terminal may come later (`attachTerminal`), and what a Run
   * pressed before it printed is kept for it.
   */
  function start(bundle: LessonBundle) {
    Object.assign(handle, {
      terminalText: () => terminal.text(),
      workers: liveWorkers,
      grade: () => (state.grade ? JSON.parse(JSON.stringify(state.grade)) : null),
      gradings: () => gradings,
    });
    (window as { steadyPlayground?: unknown }).steadyPlayground = handle;
    let engine: Engine;
    try {
      engine = selectEngine(bundle.lesson);
      engineKind.value = engine.kind;
    } catch (error) {
      state.error = {
        message: error instanceof Error ? error.message : String(error),
        advice: (error as { advice?: string }).advice ?? null,
      };
      return;
    }
    session = new PlaygroundSession(bundle, engine, state, {
      write,
      edits: inputs.edits,
      graded: (summary) => {
        gradings += 1;
        recordGrade(withPageHints(summary, new HintStore(summary.lesson)));
      },
    });
    if (engine instanceof BrowserEngine) {
      const browserEngine = engine;
      // The reference solutions graded like `steady-grade --solution` (tests and the bench; not progress).
      handle.gradeSolutions = () =>
        browserEngine.test({
          bundle,
          edits: inputs.edits(),
          onOutput: write,
          variant: 'solution',
        });
      let view: TelemetryView | undefined;
      handle.telemetry = () => ({
        dots: view?.dots ?? 0,
        pictures: view?.pictures ?? 0,
        upToDate: view?.upToDate ?? true,
        seen: view?.seen ?? false,
      });
      browserEngine.onTelemetry((dot) => {
        if (state.running === 'start') graphFed.value = true;
        view ??= new TelemetryView(
          pagePorts(() => inputs.graphHost.value, inputs.enlargedGraph),
          () => (graphShown.value = true),
        );
        view.show(dot);
      });
      disposers.push(() => view?.dispose());
    }
    const stopOnLeave = () => void session?.stop();
    window.addEventListener('pagehide', stopOnLeave);
    disposers.push(() => window.removeEventListener('pagehide', stopOnLeave));
    ready.value = true;
    void session.boot();
  }

  function attachTerminal(panel: TerminalPanel) {
    terminal.attach(panel);
  }

  async function run(args: string) {
    terminal.clear();
    graphFed.value = false;
    await session?.run(args);
  }
  /** Grades every exercise, or only `exercise` (from its heading, its results row or the file bar). */
  async function test(exercise?: string) {
    terminal.clear();
    await session?.test(exercise);
  }
  async function stop() {
    await session?.stop();
  }
  /** The lesson files a place named in the output may open (`PlaygroundSession.listedFiles`). */
  function listedFiles(): ReadonlySet<string> {
    return session?.listedFiles ?? new Set();
  }
  /** See `PlaygroundSession.whenRunUnderway`. */
  function whenRunUnderway(limitMs: number): Promise<void> {
    return session?.whenRunUnderway(limitMs) ?? Promise.resolve();
  }

  function dispose() {
    void session?.stop();
    for (const done of disposers) done();
  }

  return {
    state,
    engineKind,
    graphShown,
    telemetryLive,
    busy,
    ready,
    handle,
    start,
    attachTerminal,
    run,
    test,
    stop,
    whenRunUnderway,
    listedFiles,
    dispose,
  };
}
