import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Charts draw on canvas (uPlot) or into SVG attributes that a PNG download serializes, where CSS custom
 * properties do not resolve; so they read the design tokens' current values here and redraw when the theme or
 * presentation mode changes (the event below, dispatched on window by src/ui/styles/appearance.ts).
 */
export const APPEARANCE_CHANGE_EVENT = 'tabflow-appearance-change';

export interface ChartColors {
  surface: string;
  text: string;
  muted: string;
  border: string;
  /** Grid lines: the border colour, half transparent. */
  grid: string;
  accent: string;
  /** The second series of a two-line chart (train vs test). */
  contrast: string;
  /** Line width in CSS pixels: thicker in presentation mode, for projectors. */
  lineWidth: number;
}

/** Resolves the tokens as inherited by `element` (so in the element's own theme). */
export function chartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const token = (name: string) => style.getPropertyValue(name).trim();
  const border = token('--tf-color-border');
  return {
    surface: token('--tf-color-surface'),
    text: token('--tf-color-text'),
    muted: token('--tf-color-text-muted'),
    border,
    grid: withAlpha(border, 0.5),
    accent: token('--tf-color-accent'),
    contrast: token('--tf-color-warning'),
    lineWidth: document.documentElement.hasAttribute('data-presentation') ? 3 : 1.75,
  };
}

/** `#rrggbb` with an alpha channel; other spellings are returned as they are. */
export function withAlpha(color: string, alpha: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return color;
  return (
    color +
    Math.round(alpha * 255)
      .toString(16)
      .padStart(2, '0')
  );
}

/** Re-renders its host whenever the theme or presentation mode changes (and calls `onChange` first). */
export class AppearanceController implements ReactiveController {
  private readonly listener = () => {
    this.onChange?.();
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(APPEARANCE_CHANGE_EVENT, this.listener);
  }

  hostDisconnected(): void {
    window.removeEventListener(APPEARANCE_CHANGE_EVENT, this.listener);
  }
}
