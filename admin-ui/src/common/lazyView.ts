import { type ComponentType, lazy } from 'react';

/**
 * A screen loaded when first opened, so the console's first page does not wait for every
 * screen's code (react-admin's layout shows its loading bar meanwhile).
 */
export function lazyView<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
