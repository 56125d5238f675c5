import { useEffect, useRef } from 'react';

/** Inputs that take no text: a key pressed on one (after a click) is still the page's. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);

/**
 * True while the person types in a field or works in a dialog: the page's single-letter
 * shortcuts must not fire then (a dialog has its own keys; once it closes, the page's work
 * again). A checkbox or radio button clicked keeps the focus but takes no text: not typing.
 */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  const tag = element.tagName;
  return (
    (tag === 'INPUT' && !NOT_TEXT.has((element as HTMLInputElement).type)) ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    element.isContentEditable ||
    element.closest('.MuiModal-root') !== null
  );
}

/**
 * Slot props for a dialog on a page with shortcuts: focus leaves it as soon as it starts to
 * close, so the next key (pressed during the fade) is the page's command, not dropped.
 */
export const keysBackOnClose = {
  transition: { onExit: () => (document.activeElement as HTMLElement | null)?.blur() },
};

/**
 * Calls `handlers[key]` for a key pressed outside text fields (keys as KeyboardEvent.key,
 * letters lower-case), while the component is mounted. A handler returning false lets the
 * key through.
 */
export function useShortcuts(handlers: Record<string, () => boolean | void>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const handler = current.current[key];
      if (handler && handler() !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
