/**
 * The playground's two remembered choices, kept in the browser: where it sits on a wide screen
 * (beside the lesson text or under it) and whether saving a file runs Test. A stored value that is
 * not one of ours (edited by hand, an older version) counts as the default.
 */
// Nothing imported: the site config puts LAYOUT_HEAD_SCRIPT in every page's head, and loads this file in Node.

type PreferenceStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The browser's storage, or none (outside a browser, or storage disabled): the defaults then apply. */
function browserStorage(): PreferenceStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export type PlaygroundLayout = 'side' | 'stacked';

export const LAYOUT_KEY = 'steady.layout.v1';
export const TEST_ON_SAVE_KEY = 'steady.test-on-save.v1';
/** On `<html>` when the learner asked for the playground under the text even on a wide screen. */
export const STACKED_CLASS = 'steady-stacked';
/** The width from which the playground sits beside the text (also in `style.css`). */
export const SIDE_BY_SIDE_MIN_WIDTH = 1280;

export function layoutPreference(store: PreferenceStore | undefined = browserStorage()): PlaygroundLayout {
  return store?.getItem(LAYOUT_KEY) === 'stacked' ? 'stacked' : 'side';
}

export function setLayoutPreference(
  layout: PlaygroundLayout,
  store: PreferenceStore | undefined = browserStorage(),
): void {
  store?.setItem(LAYOUT_KEY, layout);
}

export function testOnSavePreference(store: PreferenceStore | undefined = browserStorage()): boolean {
  return store?.getItem(TEST_ON_SAVE_KEY) === 'on';
}

export function setTestOnSavePreference(
  on: boolean,
  store: PreferenceStore | undefined = browserStorage(),
): void {
  store?.setItem(TEST_ON_SAVE_KEY, on ? 'on' : 'off');
}

/**
 * Run in the page's `<head>` before it is drawn, so a learner who chose "under the text" never sees
 * the page laid out side by side first and then jump (the layout is CSS keyed on this class).
 */
export const LAYOUT_HEAD_SCRIPT = `try{if(localStorage.getItem(${JSON.stringify(LAYOUT_KEY)})==='stacked')document.documentElement.classList.add(${JSON.stringify(STACKED_CLASS)})}catch{}`;
