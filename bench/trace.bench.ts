// The trace view with 100,000 events in Chromium: the renderer's own TraceLadder and TraceStore in a
// page of their own (bench/trace-page), filled with real events from a lab run (deliveries under
// every sender policy, with an eavesdropper on the path) repeated with fresh seq and flow ids.
// Figures: first render, frames per second and frame time while scrolling, the time to hide a
// layer, and the JS heap after a garbage collection. Goals (issue 18): 60 fps, heap ≤ 250 MB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import type { TraceEvent } from '../common/trace.ts';
import { startLab } from '../engine/lab/start-lab.ts';
import { record } from './measure.ts';

const EVENTS = 100_000;
const CHROMIUM = process.env.SMTP_LAB_CHROMIUM ?? '/usr/bin/chromium';
const scratch = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-trace-'));

/** Real events: a few deliveries per policy through a lab with the eavesdropper on. */
async function labEvents(): Promise<TraceEvent[]> {
  const lab = await startLab({ dataDir: join(scratch, 'lab') });
  try {
    await lab.attacker!.set('eavesdrop', {});
    for (const policy of ['opportunistic', 'mta-sts', 'dane', 'opportunistic'] as const) {
      const sent = lab.sender!.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: `bench ${policy}`, body: 'Hello.\n', policy });
      if (sent.ok) await lab.sender!.settled(sent.message.id);
    }
    return lab.trace.all();
  } finally {
    await lab.close();
  }
}

function repeatTo(base: TraceEvent[], count: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  const span = (base.at(-1)?.t ?? 0) + 1;
  for (let round = 0; out.length < count; round++) {
    for (const event of base) {
      if (out.length >= count) break;
      out.push({ ...event, seq: out.length + 1, t: event.t + round * span, flow: `${event.flow}r${round}` });
    }
  }
  return out;
}

const base = await labEvents();
const events = repeatTo(base, EVENTS);
const pageDir = join(scratch, 'page');
await build({ root: join(import.meta.dirname, 'trace-page'), base: './', plugins: [svelte()], logLevel: 'warn', build: { outDir: pageDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
writeFileSync(join(pageDir, 'events.json'), JSON.stringify(events));

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = join(pageDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/$/, '/index.html'));
  if (!path.startsWith(pageDir)) return void res.writeHead(403).end();
  readFile(path).then(
    (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => (window as unknown as { bench?: unknown }).bench !== undefined, null, { timeout: 120_000 });
  if (errors.length) throw new Error(errors.join('\n'));
  const loaded = await page.evaluate(() => {
    const b = (window as unknown as { bench: { renderMs: number; rows: number; events: number } }).bench;
    return { renderMs: b.renderMs, rows: b.rows, events: b.events };
  });
  if (loaded.events !== EVENTS) throw new Error(`the store holds ${loaded.events} events, not ${EVENTS}`);
  if (loaded.rows < 10) throw new Error(`the ladder drew ${loaded.rows} rows`);
  const frames = await page.evaluate(async () => {
    const b = (window as unknown as { bench: { scroll(ms: number, step: number): Promise<number[]> } }).bench;
    await b.scroll(500, 120); // warm-up
    return b.scroll(4000, 120);
  });
  const filters: number[] = [];
  for (const layer of ['tcp', 'tls', 'dns', 'smtp', 'policy']) filters.push(await page.evaluate((l) => (window as unknown as { bench: { filter(l: string): Promise<number> } }).bench.filter(l), layer));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

  const sorted = [...frames].sort((a, b) => a - b);
  const seconds = frames.reduce((sum, ms) => sum + ms, 0) / 1000;
  const fps = frames.length / seconds;
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  const filterMs = [...filters].sort((a, b) => a - b)[Math.floor(filters.length / 2)];
  const heapMB = heap.usedSize / 1024 / 1024;
  console.log(`${EVENTS} events (${base.length} real events from a lab run, repeated); ${loaded.rows} rows drawn`);
  console.log(`${'first render'.padEnd(48)} ${loaded.renderMs.toFixed(1).padStart(9)} ms`);
  console.log(`${'scrolling: frames per second'.padEnd(48)} ${fps.toFixed(1).padStart(9)} fps  (target 60: ${fps >= 59 ? 'met' : 'MISSED'})`);
  console.log(`${'scrolling: frame time p95'.padEnd(48)} ${p95.toFixed(1).padStart(9)} ms`);
  console.log(`${'filter (hide a layer), median of 5'.padEnd(48)} ${filterMs.toFixed(1).padStart(9)} ms`);
  console.log(`${'JS heap after GC'.padEnd(48)} ${heapMB.toFixed(1).padStart(9)} MB  (target 250: ${heapMB <= 250 ? 'met' : 'MISSED'})`);
  record('trace100k.renderMs', loaded.renderMs);
  record('trace100k.scrollFps', fps);
  record('trace100k.frameP95Ms', p95);
  record('trace100k.filterMs', filterMs);
  record('trace100k.heapMB', heapMB);
} finally {
  await browser.close();
  server.close();
  rmSync(scratch, { recursive: true, force: true });
}
