/**
 * Pages are compressed for clients that accept it and say they vary by Accept-Encoding either way
 * (set before the answer is made, src/app.tsx); the API's small JSON answers are never compressed.
 * Also: a page is sent whole and as a plain document, whichever way it went out.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/http-server';
import { caseClosedEvent } from '../helpers/test-context';

describe('compression over real HTTP', () => {
  it('gzips a page for a client that accepts it, sends it plain otherwise, and never gzips the API', async () => {
    const server = await startServer();
    try {
      const plain = await fetch(`${server.url}/`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.status).toBe(200);
      expect(plain.headers.get('Content-Encoding')).toBeNull();
      expect(plain.headers.get('Vary')).toMatch(/(^|,\s*)Accept-Encoding(,|$)/);
      expect(plain.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
      const page = await plain.text();
      expect(page.startsWith('<!DOCTYPE html><html')).toBe(true);
      expect(page.trimEnd().endsWith('</html>')).toBe(true);

      // node:http keeps the gzipped bytes as they came, so the encoding can be checked.
      const { request } = await import('node:http');
      const gzipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`${server.url}/`, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzipped.body).toString('utf8')).toBe(page);

      const api = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' },
        body: JSON.stringify(caseClosedEvent()),
      });
      expect(api.status).toBe(202);
      expect(api.headers.get('Content-Encoding')).toBeNull();
      expect(await api.json()).toMatchObject({ status: 'accepted' });
    } finally {
      await server.close();
    }
  });
});
