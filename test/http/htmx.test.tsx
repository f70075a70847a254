/** src/http/htmx.ts: a filtered page answers with the whole page or, for htmx, only the swapped part. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { pageOrFragment } from '../../src/http/htmx';
import { pageRenderer } from '../../src/http/render';

describe('pageOrFragment', () => {
  const app = new Hono();
  app.use(pageRenderer('Gemeente Test'));
  app.get('/', (c) => pageOrFragment(c, { invalid: c.req.query('bad') !== undefined, fragment: <p>deel</p>, page: <main>pagina</main> }));

  it('serves the page without htmx, and says the answer varies by HX-Request', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Vary')).toBe('HX-Request');
    const html = await res.text();
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('<main>pagina</main>');
  });

  it('serves only the fragment to htmx, but the page to a history restore', async () => {
    const fragment = await app.request('/', { headers: { 'HX-Request': 'true' } });
    expect(fragment.headers.get('Vary')).toBe('HX-Request');
    expect(await fragment.text()).toBe('<p>deel</p>');
    const restore = await app.request('/', { headers: { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' } });
    expect(await restore.text()).toContain('<main>pagina</main>');
  });

  it('answers 422 while a filter is invalid, page and fragment alike', async () => {
    expect((await app.request('/?bad')).status).toBe(422);
    expect((await app.request('/?bad', { headers: { 'HX-Request': 'true' } })).status).toBe(422);
  });
});
