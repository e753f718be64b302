/**
 * A page (or part of one) that is not in the phone's first download: its code and the later pages'
 * sentences (messages-later.ts) load together, so it renders with its words. Every dynamic import of a
 * component goes through here (message-tables.test.ts checks).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { loadLaterMessages } from '../stores/language-store';

// `any` as React's own lazy() has it: the page's props are whatever its module's component takes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>): LazyExoticComponent<T> {
  return lazy(async () => {
    const [module] = await Promise.all([load(), loadLaterMessages()]);
    return module;
  });
}
