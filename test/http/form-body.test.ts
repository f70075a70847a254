/**
 * readForm (src/http/form-body.ts) reads urlencoded forms itself and must give exactly what
 * hono's parseBody gives for the same body, which it replaced on every form route.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { readForm } from '../../src/http/form-body';

const app = new Hono()
  .post('/ours', async (c) => c.json(await readForm(c)))
  .post('/ours-all', async (c) => c.json(await readForm(c, { all: true })))
  .post('/hono', async (c) => c.json(await c.req.parseBody()))
  .post('/hono-all', async (c) => c.json(await c.req.parseBody({ all: true })));

const post = async (path: string, body: string | FormData, type?: string) =>
  (await app.request(path, { method: 'POST', body, ...(type ? { headers: { 'Content-Type': type } } : {}) })).json();

describe('readForm', () => {
  const bodies = [
    'grade=7&effort=5',
    'feeling-balie=-1&comment-balie=Lang+wachten%2C+%C3%A9cht+lang&comment-balie=tweede',
    'kies[]=a&kies[]=b&enkel=1&enkel=2',
    'leeg=&=zonder-naam&alleen-naam&%F0%9F%98%80=emoji',
    '',
  ];

  it.each(bodies)('gives what parseBody gives for %j, with and without all', async (body) => {
    const type = 'application/x-www-form-urlencoded; charset=UTF-8';
    expect(await post('/ours', body, type)).toEqual(await post('/hono', body, type));
    expect(await post('/ours-all', body, type)).toEqual(await post('/hono-all', body, type));
  });

  it('leaves multipart forms and other bodies to parseBody', async () => {
    const form = new FormData();
    form.append('bestand', 'inhoud');
    form.append('naam', 'x');
    expect(await post('/ours', form)).toEqual({ bestand: 'inhoud', naam: 'x' });
    expect(await post('/ours', '{"a":1}', 'application/json')).toEqual({});
  });
});
