/**
 * Benchmarks: each measures our path and a bare baseline in the same run, on the same machine,
 * and reports the ratio (these machines are shared and noisy; absolute numbers drift).
 * Run with `npm run bench`; writes BENCHMARKS.md. BENCH_ANSWERS sets the dashboard's data size,
 * BENCH_APPOINTMENTS the no-show panel's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardBenchmarks } from './dashboard';
import type { Result } from './harness';
import { ingestAndSurveyBenchmarks } from './ingest-and-survey';
import { noShowBenchmarks } from './noshows';

const dir = mkdtempSync(join(tmpdir(), 'meethuis-bench-'));
try {
  const results: Result[] = [...(await ingestAndSurveyBenchmarks(dir))];
  const dashboard = await dashboardBenchmarks(dir);
  results.push(...dashboard.results);
  const noShows = await noShowBenchmarks(dir);
  results.push(...noShows.results);
  const lines = [
    '# Benchmarks',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${process.platform} ${process.arch}, Node ${process.version}, 2 shared cores. ` +
      'Each row runs our path and a bare baseline in the same process; times are medians per request. Compare ratios, not absolute numbers.',
    '',
    '| path | ours | baseline | ratio | baseline is |',
    '|---|---:|---:|---:|---|',
    ...results.map(
      (r) => `| ${r.name} | ${r.ours.toFixed(2)} ${r.unit} | ${r.baseline.toFixed(2)} ${r.unit} | ${(r.ours / r.baseline).toFixed(2)}× | ${r.baselineName} |`,
    ),
    '',
    ...[...dashboard.notes, ...noShows.notes].map((note) => `- ${note}`),
    '',
  ];
  writeFileSync('BENCHMARKS.md', lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
