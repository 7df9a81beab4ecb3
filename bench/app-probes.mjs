// Instruments the app page before its code runs: records Long Tasks, offers a timer probe that sees any
// main-thread stall (including ones under the Long Tasks API's 50 ms floor, and the machine's own load), and deep
// queries through shadow roots.

function installProbes() {
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask' });

  let running = false;
  let last = 0;
  let maxGap = 0;
  let startedAt = 0;
  const tick = () => {
    if (!running) return;
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    setTimeout(tick, 0);
  };
  window.__benchProbe = {
    start() {
      running = true;
      maxGap = 0;
      startedAt = last = performance.now();
      setTimeout(tick, 0);
    },
    /**
     * Since start: the longest Long Task (the page's own work; 0 when none reached the API's 50 ms floor) and the
     * timer probe's largest gap (any stall, including the renderer waiting for a CPU on a loaded machine).
     */
    stop() {
      running = false;
      const end = performance.now();
      const longTasks = window.__benchLongTasks.filter((t) => t.start >= startedAt && t.start <= end);
      const longestTask = longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
      return { probeGap: maxGap, longestTask, longTasks: longTasks.length, ms: end - startedAt };
    },
  };

  window.__benchDeepFind = (predicate, root = document) => {
    for (const el of root.querySelectorAll('*')) {
      if (predicate(el)) return el;
      if (el.shadowRoot) {
        const found = window.__benchDeepFind(predicate, el.shadowRoot);
        if (found) return found;
      }
    }
    return null;
  };
}

/** A browser context whose pages all carry the probes; page errors are printed. */
export async function probedContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installProbes);
  context.on('page', (page) => page.on('pageerror', (error) => console.error(`  [app] ${error.message}`)));
  return context;
}

/**
 * Presses Train with the main-thread probe running and returns what it saw once the run says "Finished.". The
 * wait reads the Playground's status paragraph itself every 100 ms: a role locator has Playwright compute
 * accessible names over the whole page on every poll, main-thread work of the probe's own (a trace of the 6 × 8
 * network view showed its role queries as the largest script cost inside the training's window).
 */
export async function probeTraining(page, train, timeout = 180_000) {
  // Resolved before the probe starts, for the same reason: a role locator's click queries the page first.
  const button = await train.elementHandle();
  await page.evaluate(() => window.__benchProbe.start());
  await button.click();
  await button.dispose();
  await page.waitForFunction(
    () => {
      if (!window.__benchPlayground?.isConnected)
        window.__benchPlayground = window.__benchDeepFind((el) => el.tagName === 'PLAYGROUND-PAGE');
      const status = window.__benchPlayground?.shadowRoot?.querySelector('[role="status"]');
      return status?.textContent.startsWith('Finished.') ?? false;
    },
    null,
    { polling: 100, timeout },
  );
  return page.evaluate(() => window.__benchProbe.stop());
}

/** The same page, idle for `ms`: the baseline of a responsiveness figure. */
export async function probeIdle(page, ms) {
  await page.evaluate(() => window.__benchProbe.start());
  await page.waitForTimeout(ms);
  return page.evaluate(() => window.__benchProbe.stop());
}

/**
 * One more training, traced (Chrome's timeline category only): the main thread's tasks in CPU time as well as
 * wall time. On a shared machine a task's wall time grows with everything else that runs, its thread time does
 * not, so this tells the page's own work from the machine's load. Kept out of the probed repetitions, whose Long
 * Tasks it would otherwise lengthen by the tracing's own cost.
 */
export async function traceTraining(browser, page, train, timeout = 180_000) {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  let trace;
  try {
    await probeTraining(page, train, timeout);
  } finally {
    trace = JSON.parse((await browser.stopTracing()).toString());
  }
  const events = trace.traceEvents ?? trace;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(thread)) continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread).push(e);
  }
  // The page's renderer is the busiest one (the trace also holds other renderers' idle main threads).
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000).sort((a, b) => a - b);
  const wall = tasks.map((t) => t.dur / 1000);
  return {
    tasks: tasks.length,
    longestCpuMs: cpu.at(-1) ?? 0,
    p99CpuMs: cpu[Math.floor(cpu.length * 0.99)] ?? 0,
    longestWallMs: Math.max(0, ...wall),
    over50msWall: wall.filter((w) => w >= 50).length,
    over50msCpu: cpu.filter((c) => c >= 50).length,
  };
}
