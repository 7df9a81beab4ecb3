import type { CompareSettings } from './compare-settings';

/** Compare page parts ask for a settings change with this event; the page merges it and rewrites the URL. */
export type CompareChange = Partial<Omit<CompareSettings, 'runIds'>>;

export function compareChange(from: HTMLElement, change: CompareChange): void {
  from.dispatchEvent(
    new CustomEvent<CompareChange>('compare-change', { detail: change, bubbles: true, composed: true }),
  );
}

declare global {
  interface HTMLElementEventMap {
    'compare-change': CustomEvent<CompareChange>;
  }
}
