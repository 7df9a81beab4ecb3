import type { PageElement } from '../ui/services';

/** The pages reached from the main navigation, in order. */
export const NAV_PAGES = [
  { page: 'experiments', title: 'Experiments' },
  { page: 'playground', title: 'Playground' },
  { page: 'models', title: 'Models' },
  { page: 'settings', title: 'Settings' },
] as const;

// Every src/ui/pages/<name>-page.ts is a page reached at #/<name>; each loads only when first visited, which
// keeps the first bundle small.
const modules = import.meta.glob('../ui/pages/*-page.ts');

export async function loadPage(name: string): Promise<PageElement> {
  const load = modules[`../ui/pages/${name}-page.ts`];
  if (!load) throw new Error(`There is no page '${name}'. Use the links at the top to find your way.`);
  await load();
  return document.createElement(`${name}-page`) as PageElement;
}
