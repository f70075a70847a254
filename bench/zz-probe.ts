import { mkdtempSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';
import { systemClock } from '../src/clock';
import { deliverDueMails } from '../src/mail/outbox-worker';
import { createMailTransport } from '../src/mail/transport';
import { freshApp } from './harness';
import { createInvitation } from '../src/invitations/invitations';
import { findJourneyBySlug } from '../src/journeys/journeys';
const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData(stream, _s, cb) { stream.on('end', () => cb()); stream.resume(); } });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
const dir = mkdtempSync('/tmp/zz-');
const N = 300;
const ours = freshApp(dir, 'm', { SMTP_URL: url });
const found = findJourneyBySlug(ours.db, 'paspoort-aanvragen')!;
ours.db.transaction((tx) => { for (let i = 0; i < 2 * N; i++) createInvitation(tx, { clock: systemClock, config: ours.config, addressHashKey: 'k'.repeat(40) }, { journey: found.journey, touchpoints: found.touchpoints, caseReference: `Z${i}`, email: `b${i}@example.nl`, language: 'nl', segment: {}, channel: null, leadTimeDays: null, caseClosedAt: new Date() }); });
const rows = ours.db.$client.prepare("SELECT * FROM outbox WHERE kind='invitation' ORDER BY id").all() as any[];
const t = createMailTransport({ smtpUrl: url, from: ours.config.MAIL_FROM });
const asMail = (r: any) => ({ toAddress: r.to_address, subject: r.subject, textBody: r.text_body, htmlBody: r.html_body, messageId: r.message_id, headers: JSON.parse(r.headers) }) as any;
let s = 0;
const b0 = nodemailer.createTransport({ url, pool: true, maxConnections: 2 });
for (let k = 0; k < 3; k++) {
s = performance.now();
await Promise.all(rows.slice(0, N).map((r) => t.send(asMail(r))));
console.log('transport.send all at once', (N / (performance.now() - s) * 1000).toFixed(0));
s = performance.now();
await Promise.all(rows.slice(0, N).map((r) => b0.sendMail({ from: ours.config.MAIL_FROM, to: r.to_address, subject: r.subject, text: r.text_body, html: r.html_body, messageId: r.message_id, headers: JSON.parse(r.headers) })));
console.log('bare0', (N / (performance.now() - s) * 1000).toFixed(0));
}
// mark first N as sent to skip them
ours.db.$client.prepare("UPDATE outbox SET status='sent' WHERE id IN (SELECT id FROM outbox WHERE kind='invitation' ORDER BY id LIMIT ?)").run(N);
s = performance.now(); let sent = 0;
for (;;) { const r = await deliverDueMails(ours.db, t, systemClock); sent += r.sent; if (r.sent + r.cancelled === 0) break; }
console.log('deliverDueMails', sent, (sent / (performance.now() - s) * 1000).toFixed(0));
const b = nodemailer.createTransport({ url, pool: true, maxConnections: 2 });
s = performance.now();
await Promise.all(rows.slice(0, N).map((r) => b.sendMail({ from: ours.config.MAIL_FROM, to: r.to_address, subject: r.subject, text: r.text_body, html: r.html_body, messageId: r.message_id, headers: JSON.parse(r.headers) })));
console.log('bare', (N / (performance.now() - s) * 1000).toFixed(0));
const upd = ours.db.$client.prepare('UPDATE outbox SET attempts = attempts WHERE id = ?');
s = performance.now(); for (let i = 0; i < 200; i++) ours.db.transaction(() => { upd.run(i); });
console.log('fsync tx ms', ((performance.now() - s) / 200).toFixed(2));

{
  const ours2 = freshApp(dir, 'm2', { SMTP_URL: url });
  const found2 = findJourneyBySlug(ours2.db, 'paspoort-aanvragen')!;
  ours2.db.transaction((tx) => { for (let i = 0; i < N; i++) createInvitation(tx, { clock: systemClock, config: ours2.config, addressHashKey: 'k'.repeat(40) }, { journey: found2.journey, touchpoints: found2.touchpoints, caseReference: `Z${i}`, email: `b${i}@example.nl`, language: 'nl', segment: {}, channel: null, leadTimeDays: null, caseClosedAt: new Date() }); });
  const t2 = createMailTransport({ smtpUrl: url, from: ours2.config.MAIL_FROM });
  let inSend = 0, sends = 0;
  const orig = t2.send.bind(t2);
  (t2 as any).send = async (m: any) => { const a = performance.now(); try { return await orig(m); } finally { inSend += performance.now() - a; sends++; } };
  const { cpuUsage } = process;
  const c0 = cpuUsage();
  const s2 = performance.now(); let sent2 = 0, rounds = 0;
  for (;;) { const r = await deliverDueMails(ours2.db, t2, systemClock); rounds++; sent2 += r.sent; if (rounds === 1) console.log(r, ours2.db.$client.prepare("SELECT last_error FROM outbox WHERE last_error IS NOT NULL LIMIT 1").get()); if (r.sent + r.cancelled === 0) break; }
  const wall = performance.now() - s2; const c = cpuUsage(c0);
  console.log('deliver2', sent2, (sent2 / wall * 1000).toFixed(0), '/s; avg send latency', (inSend / sends).toFixed(1), 'ms; wall', wall.toFixed(0), 'cpu ms', ((c.user + c.system) / 1000).toFixed(0), 'rounds', rounds);
}
{
  const o3 = freshApp(dir, 'm3', { SMTP_URL: url });
  const f3 = findJourneyBySlug(o3.db, 'paspoort-aanvragen')!;
  o3.db.transaction((tx) => { for (let i = 0; i < N; i++) createInvitation(tx, { clock: systemClock, config: o3.config, addressHashKey: 'k'.repeat(40) }, { journey: f3.journey, touchpoints: f3.touchpoints, caseReference: `Z${i}`, email: `b${i}@example.nl`, language: 'nl', segment: {}, channel: null, leadTimeDays: null, caseClosedAt: new Date() }); });
  const ids = o3.db.$client.prepare("SELECT id, invitation_id FROM outbox WHERE kind='invitation'").all() as any[];
  const u1 = o3.db.$client.prepare("UPDATE outbox SET status='sent', attempts=1, sent_at=?, transport='smtp', smtp_response='250 ok', last_error=NULL, text_body=NULL, html_body=NULL WHERE id=?");
  const u2 = o3.db.$client.prepare("UPDATE invitations SET mailed_at=? WHERE id=?");
  const tx = o3.db.$client.transaction((r: any) => { u1.run(Date.now(), r.id); u2.run(Date.now(), r.invitation_id); });
  const s3 = performance.now();
  for (const r of ids.slice(0, 200)) tx(r);
  console.log('mark tx ms', ((performance.now() - s3) / 200).toFixed(2), o3.db.$client.pragma('synchronous'), o3.db.$client.pragma('journal_mode'));
}
process.exit(0);
