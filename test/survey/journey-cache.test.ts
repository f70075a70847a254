import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { designer, journeyId, touchpointForm, touchpointIds, type Designer } from '../helpers/designer';
import { unescapeHtml } from '../helpers/html-text';
import { caseClosedEvent } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

/** A Dutch invitation for the passport journey; its survey page's path. */
async function surveyPath(d: Designer): Promise<string> {
  expect((await d.ctx.postEvent(caseClosedEvent())).status).toBe(202);
  return surveyPathOf(d.ctx.db);
}
const page = async (d: Designer, path: string) => unescapeHtml(await (await d.ctx.app.request(path)).text());

describe('the journey cached between survey requests', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('shows a question changed in the journey designer on the next page load, and stores answers to it', async () => {
    const d = await designer();
    const path = await surveyPath(d);
    const before = await page(d, path);
    expect(before).not.toContain('Hoe ging het maken van de afspraak voor u?');

    const id = journeyId(d.ctx.db, 'paspoort-aanvragen');
    const touchpoint = touchpointIds(d.ctx.db, 'paspoort-aanvragen')['afspraak-maken']!;
    const form = touchpointForm(d.ctx.db, touchpoint, { question: 'Hoe ging het maken van de afspraak voor u?' });
    expect((await d.post(`/admin/reizen/${id}/contactmomenten/${touchpoint}`, form)).status).toBe(303);

    expect(await page(d, path)).toContain('Hoe ging het maken van de afspraak voor u?');
    const sent = await d.ctx.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-afspraak-maken': '2', 'feeling-balie': '1', 'feeling-ophalen': 'nvt', grade: '8', effort: '6' }),
    });
    expect(sent.status).toBe(200);
    expect(d.ctx.db.$client.prepare('SELECT count(*) FROM answers WHERE touchpoint_id = ?').pluck().get(touchpoint)).toBe(1);
  });

  it('sees a change another connection committed to the same database file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'meethuis-journey-cache-'));
    directories.push(directory);
    const file = join(directory, 'meethuis.db');
    const d = await designer({ DATABASE_PATH: file });
    const path = await surveyPath(d);
    expect(await page(d, path)).not.toContain('Gevraagd door een ander proces?');

    const other = new Database(file);
    const touchpoint = touchpointIds(d.ctx.db, 'paspoort-aanvragen')['balie']!;
    other.prepare('UPDATE touchpoints SET question = ? WHERE id = ?').run('Gevraagd door een ander proces?', touchpoint);
    other.close();

    expect(await page(d, path)).toContain('Gevraagd door een ander proces?');
    d.ctx.db.$client.close();
  });
});
