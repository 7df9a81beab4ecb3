import { APPEARANCE_CHANGE_EVENT } from '../../charts/chart-theme';

/**
 * The person's appearance choices — theme (Settings → Theme) and presentation mode (the header's toggle) — as
 * attributes on <html> that the token sheet (tokens.ts) reads. Kept in localStorage rather than the tracking
 * database because they must apply synchronously, before the first paint, or every load would flash.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const THEME_KEY = 'tabflow.theme';
const PRESENTATION_KEY = 'tabflow.presentation';

// Storage can be blocked (some private modes): the choice then lasts for this page only.
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered; still applied.
  }
}

function announce(): void {
  window.dispatchEvent(new Event(APPEARANCE_CHANGE_EVENT));
}

export function themeChoice(): ThemeChoice {
  const stored = read(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function setThemeChoice(choice: ThemeChoice): void {
  write(THEME_KEY, choice === 'system' ? null : choice);
  applyTheme(choice);
  announce();
}

function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}

export function isPresentationMode(): boolean {
  return document.documentElement.hasAttribute('data-presentation');
}

export function setPresentationMode(on: boolean): void {
  write(PRESENTATION_KEY, on ? '1' : null);
  document.documentElement.toggleAttribute('data-presentation', on);
  announce();
}

/** Applies the remembered choices; charts also redraw when the system theme flips under "System". */
export function restoreAppearance(): void {
  applyTheme(themeChoice());
  document.documentElement.toggleAttribute('data-presentation', read(PRESENTATION_KEY) === '1');
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (themeChoice() === 'system') announce();
  });
}
