import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerBridge, WorkerFailedError } from '../../../src/shared/worker-bridge';
import { FakeWorker } from '../worker-fake';

/** A worker API whose `hang` calls settle only when the test says so, so calls can be left pending. */
function testApi() {
  const hanging: { resolve: (value: string) => void }[] = [];
  const api = {
    echo: (text: string) => `echo ${text}`,
    hang: () => new Promise<string>((resolve) => hanging.push({ resolve })),
  };
  return { api, hanging };
}

type TestApi = ReturnType<typeof testApi>['api'];

function setup(options: { idleMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  const { api, hanging } = testApi();
  const bridge = new WorkerBridge<TestApi>({
    label: 'test',
    idleMs: options.idleMs ?? 60_000,
    create: () => {
      const worker = new FakeWorker(api);
      workers.push(worker);
      return worker;
    },
    abortError: () => new DOMException('Test stopped.', 'AbortError'),
  });
  return { bridge, workers, hanging };
}

/** Lets comlink's messages cross the channel. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('WorkerBridge', () => {
  afterEach(() => vi.useRealTimers());

  it('starts the worker lazily on the first call and reuses it for the next', async () => {
    const { bridge, workers } = setup();
    expect(workers).toHaveLength(0);
    expect(bridge.running).toBe(false);
    await expect(bridge.call(undefined, (api) => api.echo('a'))).resolves.toBe('echo a');
    await expect(bridge.call(undefined, (api) => api.echo('b'))).resolves.toBe('echo b');
    expect(workers).toHaveLength(1);
    bridge.dispose();
    expect(workers[0].terminated).toBe(true);
  });

  it('rejects every pending call with the reason when the worker crashes, and starts a new worker next time', async () => {
    const { bridge, workers } = setup();
    const first = bridge.call(undefined, (api) => api.hang());
    const second = bridge.call(undefined, (api) => api.hang());
    await settle();
    workers[0].crash('out of memory');
    for (const call of [first, second]) {
      await expect(call).rejects.toBeInstanceOf(WorkerFailedError);
      await expect(call).rejects.toMatchObject({
        kind: 'crashed',
        message: expect.stringMatching(/test worker stopped unexpectedly: out of memory.*reload/i),
      });
    }
    expect(workers[0].terminated).toBe(true);
    await expect(bridge.call(undefined, (api) => api.echo('again'))).resolves.toBe('echo again');
    expect(workers).toHaveLength(2);
  });

  it('rejects pending calls when the worker script fails to load', async () => {
    const { bridge, workers } = setup();
    const call = bridge.call(undefined, (api) => api.hang());
    workers[0].failToLoad();
    await expect(call).rejects.toMatchObject({
      kind: 'load-failed',
      message: expect.stringMatching(/could not start.*Reload the page/),
    });
    expect(workers[0].terminated).toBe(true);
  });

  it('rejects pending calls when a message from the worker cannot be read', async () => {
    const { bridge, workers } = setup();
    const call = bridge.call(undefined, (api) => api.hang());
    workers[0].sendUnreadable();
    await expect(call).rejects.toMatchObject({ kind: 'message-error' });
  });

  it('on abort rejects that call with the abort error, terminates the worker and interrupts the other pending calls', async () => {
    const { bridge, workers } = setup();
    const controller = new AbortController();
    const aborted = bridge.call(controller.signal, (api) => api.hang());
    const other = bridge.call(undefined, (api) => api.hang());
    await settle();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError', message: 'Test stopped.' });
    await expect(other).rejects.toMatchObject({ kind: 'interrupted', message: expect.stringMatching(/Try again/) });
    expect(workers[0].terminated).toBe(true);
  });

  it("with whenAborted 'terminate-if-alone', an abort leaves the other pending calls and their worker alone", async () => {
    const { api, hanging } = testApi();
    const workers: FakeWorker[] = [];
    const bridge = new WorkerBridge<TestApi>({
      label: 'test',
      whenAborted: 'terminate-if-alone',
      create: () => {
        workers.push(new FakeWorker(api));
        return workers[workers.length - 1];
      },
    });
    const controller = new AbortController();
    const aborted = bridge.call(controller.signal, (remote) => remote.hang());
    const other = bridge.call(undefined, (remote) => remote.hang());
    await vi.waitFor(() => expect(hanging).toHaveLength(2));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0].terminated).toBe(false);
    hanging[1].resolve('still answered');
    await expect(other).resolves.toBe('still answered');

    const alone = new AbortController();
    const last = bridge.call(alone.signal, (remote) => remote.hang());
    alone.abort();
    await expect(last).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0].terminated).toBe(true);
  });

  it('rejects a call whose signal is already aborted without starting a worker', async () => {
    const { bridge, workers } = setup();
    await expect(bridge.call(AbortSignal.abort(), (api) => api.echo('x'))).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(workers).toHaveLength(0);
  });

  it('a call that finished is not affected by a later abort of its signal', async () => {
    const { bridge, workers } = setup();
    const controller = new AbortController();
    await expect(bridge.call(controller.signal, (api) => api.echo('done'))).resolves.toBe('echo done');
    controller.abort();
    expect(workers[0].terminated).toBe(false);
  });

  it('terminates the worker once it has been idle for idleMs, never while a call is pending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { bridge, workers, hanging } = setup({ idleMs: 1_000 });
    const pending = bridge.call(undefined, (api) => api.hang());
    await bridge.call(undefined, (api) => api.echo('quick'));
    vi.advanceTimersByTime(5_000);
    expect(workers[0].terminated).toBe(false);

    await vi.waitFor(() => expect(hanging).toHaveLength(1));
    hanging[0].resolve('slow');
    await expect(pending).resolves.toBe('slow');
    vi.advanceTimersByTime(999);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(bridge.running).toBe(false);
  });

  it('a call arriving during the idle wait keeps the worker', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { bridge, workers } = setup({ idleMs: 1_000 });
    await bridge.call(undefined, (api) => api.echo('one'));
    vi.advanceTimersByTime(900);
    await bridge.call(undefined, (api) => api.echo('two'));
    vi.advanceTimersByTime(900);
    expect(workers[0].terminated).toBe(false);
    expect(workers).toHaveLength(1);
  });

  it('dispose rejects pending calls with the abort error and terminates the worker', async () => {
    const { bridge, workers } = setup();
    const call = bridge.call(undefined, (api) => api.hang());
    bridge.dispose();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0].terminated).toBe(true);
  });
});
