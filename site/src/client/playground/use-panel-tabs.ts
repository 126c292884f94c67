/**
 * The terminal and the telemetry panel. Under the lesson text the playground is wide enough for
 * both side by side. Beside the text it is narrow and its bottom is the window's: there they take
 * turns in one place behind two tabs, both one click from the fold, rather than the telemetry panel
 * sitting a scroll away under the terminal. The tabs follow the WAI-ARIA tabs pattern (the arrow
 * keys, Home and End move between them, the focus goes with the selection), and a tab not shown
 * marks what it is missing: new output on the terminal's, a running graph on the telemetry's.
 */
import { computed, type Ref, ref } from 'vue';

export const PANEL_TABS = ['terminal', 'telemetry'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

export const PANEL_TAB_LABELS: Record<PanelTab, string> = { terminal: 'Terminal', telemetry: 'Telemetry' };

/** The tab a key moves the selection to from `current`, with wrap-around; undefined for other keys. */
export function tabAfterKey(current: PanelTab, key: string): PanelTab | undefined {
  const at = PANEL_TABS.indexOf(current);
  const last = PANEL_TABS.length - 1;
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: last }[key];
  if (to === undefined) return undefined;
  return PANEL_TABS[(to + PANEL_TABS.length) % PANEL_TABS.length];
}

export interface PanelTabsInputs {
  /** The panels take turns (beside the text); otherwise both show and there are no tabs. */
  readonly tabbed: Readonly<Ref<boolean>>;
  /** A run is feeding the telemetry panel (a graph or a dashboard) right now. */
  readonly telemetryLive: Readonly<Ref<boolean>>;
}

export function usePanelTabs(inputs: PanelTabsInputs) {
  const current = ref<PanelTab>('terminal');
  const outputUnseen = ref(false);

  function select(tab: PanelTab) {
    current.value = tab;
    if (tab === 'terminal') outputUnseen.value = false;
  }

  /** Whether the panel of `tab` is on the page: always when untabbed, else when it is the selected one. */
  const shows = (tab: PanelTab) => !inputs.tabbed.value || current.value === tab;

  /** The terminal got output: marked on its tab when the learner is looking at the other one. */
  function output() {
    if (!shows('terminal')) outputUnseen.value = true;
  }

  /** What the tab of each panel marks as missed while hidden (undefined: nothing). */
  const missed = computed<Record<PanelTab, string | undefined>>(() => ({
    terminal: !shows('terminal') && outputUnseen.value ? 'new output' : undefined,
    telemetry: !shows('telemetry') && inputs.telemetryLive.value ? 'live' : undefined,
  }));

  /** Keys on the tab list: move the selection, and the focus with it (`focus` finds the tab's button). */
  function onKeydown(event: KeyboardEvent, focus: (tab: PanelTab) => void) {
    const next = tabAfterKey(current.value, event.key);
    if (!next) return;
    event.preventDefault();
    select(next);
    focus(next);
  }

  return { current, select, shows, output, missed, onKeydown };
}
