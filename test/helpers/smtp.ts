import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

export type SmtpMode = 'accept' | 'refuse-temporarily' | 'refuse-permanently';

/** A real SMTP server on an ephemeral port that keeps what it receives, parsed. */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  /** The SMTP envelope of each received mail, in the same order: MAIL FROM (where bounces go) and RCPT TO. */
  readonly envelopes: { from: string; to: string[] }[] = [];
  /** The same mails as received, byte for byte (to verify signatures over them). */
  readonly receivedRaw: Buffer[] = [];
  mode: SmtpMode = 'accept';
  /** A slow server: waits this long after the message before accepting it (250). */
  acceptDelayMs = 0;
  private server: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  constructor() {
    this.server = this.create();
  }

  private create() {
    const server = new SMTPServer({
      authOptional: true,
      // The built-in certificate is expired: plain SMTP on loopback.
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Pooled clients keep idle connections; an outage must not wait for them to quit.
      closeTimeout: 100,
      onMailFrom: (_address, _session, callback) => {
        if (this.mode === 'refuse-temporarily') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        if (this.mode === 'refuse-permanently') return callback(Object.assign(new Error('Rejected'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        simpleParser(stream)
          .then(async (mail) => {
            if (this.acceptDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.acceptDelayMs));
            const from = session.envelope.mailFrom;
            this.envelopes.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((recipient) => recipient.address) });
            this.receivedRaw.push(Buffer.concat(chunks));
            this.received.push(mail);
            for (const wake of this.waiters.splice(0)) wake();
            callback();
          })
          .catch(callback);
      },
    });
    // A client that vanishes mid-conversation (a server process killed on purpose) resets its
    // connection; that is no failure of this server, and must not surface as an uncaught error.
    server.on('error', () => {});
    return server;
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Simulates an outage: the port stops answering until restart(). */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    this.server = this.create();
    await this.start(this.port);
  }

  /** Resolves once at least `count` mails arrived, or fails after the timeout. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${count} mails, received ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }
}

/** The survey link in a mail's text part. */
export function surveyLink(mail: ParsedMail): string {
  const match = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(mail.text ?? '');
  if (!match) throw new Error('No survey link in mail');
  return match[0];
}

export function optOutLink(mail: ParsedMail): string {
  const match = /https?:\/\/\S+\/afmelden\/[A-Za-z0-9_-]+/.exec(mail.text ?? '');
  if (!match) throw new Error('No opt-out link in mail');
  return match[0];
}

/** A real SMTP server for a test file: started before its tests, stopped after them. */
export function useSmtpServer(): TestSmtpServer {
  const server = new TestSmtpServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  return server;
}
