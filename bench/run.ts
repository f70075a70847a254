/**
 * Benchmarks: each measures our path and a bare baseline in the same run, on the same machine,
 * and reports the ratio (these machines are shared and noisy; absolute numbers drift), the
 * target from issue 10 where there is one, and the server's memory.
 * Run with `npm run bench`; writes BENCHMARKS.md. BENCH_SCALE=0.05 shrinks everything for a
 * quick check; BENCH_ANSWERS sets the dashboard's data size, BENCH_APPOINTMENTS the no-show
 * panel's; BENCH_ONLY=latency,survey,ingest,mail,dashboard,noshows,overview,themes,digest,drivers,item-drivers,demo,results,export runs a selection (and then
 * prints the table without rewriting BENCHMARKS.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardBenchmarks } from './dashboard';
import { demoBenchmark } from './demo';
import { itemExportBenchmark } from './item-export';
import { digestBenchmarks } from './insight-digest';
import { BENCH_SCALE, type Result } from './harness';
import { ingestAndSurveyBenchmarks } from './ingest-and-survey';
import { overviewBenchmarks } from './insight-overview';
import { driversBenchmarks } from './insight-drivers';
import { itemDriversBenchmarks } from './insight-item-drivers';
import { ingestLoadBenchmarks, mailDispatchBenchmark, surveyLoadBenchmark } from './load';
import { noShowBenchmarks } from './noshows';
import { themeBenchmarks } from './insight-themes';
import { publicResultsBenchmark } from './public-results';

type Group = { results: Result[]; notes: string[] };
const groups: Record<string, (dir: string) => Promise<Group>> = {
  latency: async (dir) => ({ results: await ingestAndSurveyBenchmarks(dir), notes: [] }),
  survey: surveyLoadBenchmark,
  ingest: ingestLoadBenchmarks,
  mail: mailDispatchBenchmark,
  dashboard: dashboardBenchmarks,
  noshows: noShowBenchmarks,
  overview: overviewBenchmarks,
  themes: themeBenchmarks,
  digest: digestBenchmarks,
  drivers: driversBenchmarks,
  'item-drivers': itemDriversBenchmarks,
  demo: demoBenchmark,
  results: publicResultsBenchmark,
  export: itemExportBenchmark,
};
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
for (const name of only ?? []) if (!groups[name]) throw new Error(`BENCH_ONLY: unknown benchmark "${name}" (known: ${Object.keys(groups).join(', ')})`);

const number = (value: number) => value.toLocaleString('en', { maximumFractionDigits: value >= 100 ? 0 : 2, minimumFractionDigits: value >= 100 ? 0 : 2 });
const cell = (text: string) => text.replace(/\|/g, '\\|');

const dir = mkdtempSync(join(tmpdir(), 'meethuis-bench-'));
try {
  const results: Result[] = [];
  const notes: string[] = [];
  for (const [name, run] of Object.entries(groups)) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    console.error(`bench: ${name} …`);
    const group = await run(dir);
    console.error(`bench: ${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
    results.push(...group.results);
    notes.push(...group.notes);
  }
  const gaps = results.filter((r) => r.met === false);
  const lines = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`${BENCH_SCALE !== 1 ? ` at BENCH_SCALE=${BENCH_SCALE} (a quick check, not the full size)` : ''} on ${process.platform} ${process.arch}, Node ${process.version}, 2 shared cores. ` +
      'Each row runs our path and a bare baseline in the same run on the same machine. Times are medians per request unless the row says p99; ' +
      'throughputs (req/s, events/s, mails/s) come from load over real HTTP or SMTP with the server in a process of its own. ' +
      'Ratio is ours ÷ baseline: for times lower is better, for throughputs higher. Compare ratios, not absolute numbers.',
    '',
    '| figure | ours | baseline | ratio | target | met | server memory | baseline is |',
    '|---|---:|---:|---:|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${cell(r.name)} | ${number(r.ours)} ${r.unit} | ${number(r.baseline)} ${r.unit} | ${(r.ours / r.baseline).toFixed(2)}× | ${r.target ?? '—'} | ${r.met === undefined ? '—' : r.met ? 'met' : '**not met**'} | ${cell(r.memory ?? '—')} | ${cell(r.baselineName)} |`,
    ),
    '',
    ...(gaps.length ? ['Targets not met, and why:', '', ...gaps.map((r) => `- ${r.name}: ${r.gap ?? 'see the notes'}`), ''] : []),
    ...notes.map((note) => `- ${note}`),
    '',
  ];
  if (!only) writeFileSync('BENCHMARKS.md', lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
