import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onOutside` for every click outside its host while the host is connected, so a popover (a chooser's menu)
 * closes when a person clicks elsewhere. `composedPath` sees through shadow roots, so a click inside the host's own
 * shadow tree counts as inside.
 */
export class OutsideClickController implements ReactiveController {
  private readonly listener = (event: MouseEvent) => {
    if (!event.composedPath().includes(this.host)) this.onOutside();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onOutside: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('click', this.listener);
  }

  hostDisconnected(): void {
    document.removeEventListener('click', this.listener);
  }
}
