import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { yieldToEventLoop } from '../../io/yield-to-event-loop';

/**
 * Shows a host's parts a few at a time, one step per frame: `shown` starts at `first` and grows by `step` in a
 * task right after each paint until it reaches `total()`. Compare with 200 runs renders sections, charts and
 * confusion matrices that each cost 20–100 ms of Lit rendering, style and layout; in one update they made one
 * main-thread task of 200+ ms (a frozen page), one per frame none reaches 50 ms and the top of the page is
 * readable at once. The host renders only its first `shown` parts and calls `restart()` when its content is
 * replaced (other runs), so a new set is staged again.
 */
export class StagedReveal implements ReactiveController {
  shown: number;
  private scheduled = false;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly total: () => number,
    private readonly step = 1,
    private readonly first = 1,
  ) {
    this.shown = first;
    host.addController(this);
  }

  /** Starts again from the first parts (the host's content was replaced). */
  restart(): void {
    this.shown = this.first;
    this.generation++;
    this.scheduled = false;
  }

  hostUpdated(): void {
    if (this.scheduled || this.shown >= this.total()) return;
    this.scheduled = true;
    const generation = this.generation;
    void afterNextPaint().then(() => {
      if (generation !== this.generation) return;
      this.scheduled = false;
      this.shown += this.step;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    // A pending step of a page that is gone must not update it; it restarts from where it was if shown again.
    this.generation++;
    this.scheduled = false;
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }
}

/**
 * Resolves in a task after the next frame is painted, so what the previous step added is laid out and drawn
 * before the next step starts. A hidden tab paints no frames: there it resolves after one trip through the event
 * loop instead, so the page is complete when it is shown.
 */
function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame === 'undefined' || document.visibilityState === 'hidden') return yieldToEventLoop();
  return new Promise((resolve) => requestAnimationFrame(() => void yieldToEventLoop().then(resolve)));
}
