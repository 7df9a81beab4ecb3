import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { StagedReveal } from '../../../../src/ui/compare/staged-reveal';
import { yieldToEventLoop } from '../../../../src/io/yield-to-event-loop';

/** A host that "updates" (calls hostUpdated) whenever an update is requested, as a Lit element would. */
function fakeHost(): ReactiveControllerHost & { updates: number } {
  const controllers: ReactiveController[] = [];
  const host = {
    updates: 0,
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => {
      host.updates++;
      queueMicrotask(() => controllers.forEach((c) => c.hostUpdated?.()));
    },
    updateComplete: Promise.resolve(true),
  };
  return host;
}

const settle = async (turns = 12) => {
  for (let i = 0; i < turns; i++) await yieldToEventLoop();
};

describe('StagedReveal', () => {
  it('shows one more part per step, each in a task of its own, up to the total', async () => {
    const host = fakeHost();
    const reveal = new StagedReveal(host, () => 3);
    expect(reveal.shown).toBe(1);
    reveal.hostUpdated();
    // Nothing more in the same task: the next part waits for the event loop.
    await Promise.resolve();
    expect(reveal.shown).toBe(1);
    await settle();
    expect(reveal.shown).toBe(3);
    expect(host.updates).toBe(2);
  });

  it('grows by its step from its first count, and a restart drops a step already scheduled', async () => {
    const host = fakeHost();
    let total = 45;
    const reveal = new StagedReveal(host, () => total, 20, 20);
    reveal.hostUpdated();
    reveal.restart();
    await settle(2);
    expect(reveal.shown).toBe(20);
    reveal.hostUpdated();
    await settle();
    expect(reveal.shown).toBe(60);
    total = 10;
    reveal.restart();
    reveal.hostUpdated();
    await settle();
    expect(reveal.shown).toBe(20);
  });
});
