import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** URL → file, relative to the project root; no directory listing, no path from the request reaches the disk. */
const assets: Record<string, { file: string; type: string }> = {
  '/assets/utrecht.css': { file: 'node_modules/@utrecht/component-library-css/dist/index.css', type: 'text/css' },
  '/assets/theme.css': { file: 'public/css/theme.css', type: 'text/css' },
  '/assets/app.css': { file: 'public/css/app.css', type: 'text/css' },
  '/assets/journey-map.css': { file: 'public/css/journey-map.css', type: 'text/css' },
  '/assets/digest.css': { file: 'public/css/digest.css', type: 'text/css' },
  '/assets/htmx.js': { file: 'node_modules/htmx.org/dist/htmx.min.js', type: 'text/javascript' },
  // By file path: chart.js's exports map does not expose the UMD build.
  '/assets/chart.js': { file: 'node_modules/chart.js/dist/chart.umd.min.js', type: 'text/javascript' },
  '/assets/dashboard.js': { file: 'public/js/dashboard.js', type: 'text/javascript' },
};

/** Serves our own stylesheets and scripts from memory: they are small and read once at start. */
export function staticAssets() {
  const app = new Hono();
  for (const [path, asset] of Object.entries(assets)) {
    const body = readFileSync(resolve(root, asset.file));
    app.get(path, (c) =>
      c.body(body, 200, {
        'Content-Type': `${asset.type}; charset=utf-8`,
        'Cache-Control': 'public, max-age=3600',
      }),
    );
  }
  return app;
}
