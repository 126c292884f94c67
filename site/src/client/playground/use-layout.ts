/**
 * Where the playground sits. From 1280 px wide it stays in view beside the lesson text, unless the
 * learner asked for it under the text (remembered); narrower, it is always under the text. The
 * layout itself is CSS keyed on a class of `<html>` (set before the page is drawn by the head
 * script in `preferences.ts`), so the page never jumps when the playground mounts.
 */
import { computed, onBeforeUnmount, ref } from 'vue';
import {
  layoutPreference,
  type PlaygroundLayout,
  SIDE_BY_SIDE_MIN_WIDTH,
  STACKED_CLASS,
  setLayoutPreference,
} from './preferences.ts';

export function usePlaygroundLayout() {
  const preferred = ref<PlaygroundLayout>('side');
  /** The screen is wide enough for the two columns (the switch is offered only then). */
  const wide = ref(false);
  /** It is beside the text now: what the page's CSS shows (see the top of this file). */
  const besideText = computed(() => wide.value && preferred.value === 'side');
  let query: MediaQueryList | undefined;
  const onWidth = () => {
    wide.value = query?.matches ?? false;
  };

  /**
   * Reads the remembered choice and follows the window's width. Called while the playground is set
   * up (it exists only in the browser), so its first drawing already has the right controls.
   */
  function restore() {
    preferred.value = layoutPreference();
    document.documentElement.classList.toggle(STACKED_CLASS, preferred.value === 'stacked');
    query = window.matchMedia(`(min-width: ${SIDE_BY_SIDE_MIN_WIDTH}px)`);
    onWidth();
    query.addEventListener('change', onWidth);
  }

  function choose(layout: PlaygroundLayout) {
    preferred.value = layout;
    setLayoutPreference(layout);
    document.documentElement.classList.toggle(STACKED_CLASS, layout === 'stacked');
  }

  onBeforeUnmount(() => {
    query?.removeEventListener('change', onWidth);
  });

  return { preferred, wide, besideText, restore, choose };
}
