/**
 * Keyboard helpers for the playground: keeping Tab inside a modal dialog, and telling which
 * playground command a key press asks for (the same keys on the buttons, in the help and here).
 */

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab cycling inside `container` (a modal dialog). */
export function trapTab(event: KeyboardEvent, container: HTMLElement | undefined): void {
  if (event.key !== 'Tab' || !container) return;
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.offsetParent !== null,
  );
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

export type ShortcutCommand = 'run' | 'test' | 'stop';

/** The playground's shortcuts, as shown to the learner and as `aria-keyshortcuts` values. */
export const SHORTCUTS: Record<ShortcutCommand, { readonly label: string; readonly aria: string }> = {
  run: { label: 'Ctrl+Enter (⌘+Enter on a Mac)', aria: 'Control+Enter Meta+Enter' },
  test: { label: 'Ctrl+Shift+Enter (⌘+Shift+Enter)', aria: 'Control+Shift+Enter Meta+Shift+Enter' },
  stop: { label: 'Escape', aria: 'Escape' },
};

/** Which command a key press asks for, if any (Ctrl or Cmd with Enter; Escape). */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): ShortcutCommand | undefined {
  if (event.altKey) return undefined;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) return event.shiftKey ? 'test' : 'run';
  if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.shiftKey) return 'stop';
  return undefined;
}
