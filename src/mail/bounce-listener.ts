/**
 * The inbound SMTP listener for bounces (BOUNCE_SMTP_PORT): the municipality routes mail for
 * MAIL_BOUNCE_ADDRESS's tagged addresses here (an MX record or a forwarding rule). It is no open
 * relay: a recipient other than the bounce address with a tag is refused at RCPT with 550. Every
 * accepted message gets 250, also when it changes nothing, so that no one learns which tags are
 * valid and no remote server keeps retrying a report we do not need.
 */
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Db } from '../db/client';
import { isTaggedBounceAddress } from './bounce-tag';
import { handleBounce, type BounceDeps, type BounceOutcome } from './bounces';

/** A bounce is a short report, perhaps with the original mail: anything larger is no bounce of ours. */
export const BOUNCE_MAX_BYTES = 1024 * 1024;

export interface BounceListenerOptions extends BounceDeps {
  bounceAddress: string;
  port: number;
  host?: string;
  log: (message: string, error?: unknown) => void;
  /** Told about every message handled (tests wait on it). */
  onBounce?: (outcome: BounceOutcome) => void;
}

export interface BounceListener {
  port: number;
  /** Stops accepting; connections in progress get a few seconds to finish. */
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

function readMessage(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on('end', () => resolve(stream.sizeExceeded ? undefined : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startBounceListener(db: Db, options: BounceListenerOptions): Promise<BounceListener> {
  const server = new SMTPServer({
    // Mail servers deliver bounces without logging in; TLS would need a certificate we do not have.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: BOUNCE_MAX_BYTES,
    maxClients: 20,
    closeTimeout: 5_000,
    logger: false,
    banner: 'meethuis bounce listener',
    onRcptTo(address, _session, callback) {
      if (!isTaggedBounceAddress(options.bounceAddress, address.address)) return callback(smtpError('No such recipient here', 550));
      callback();
    },
    onData(stream, session, callback) {
      readMessage(stream)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(`Message larger than ${BOUNCE_MAX_BYTES} bytes`, 552));
          const outcome = await handleBounce(db, options, { raw, recipients: session.envelope.rcptTo.map((recipient) => recipient.address) });
          options.onBounce?.(outcome);
          callback();
        })
        // The database could not record it: the sending server tries again later.
        .catch((error: unknown) => {
          options.log('A bounce could not be recorded; the sender will retry', error);
          callback(smtpError('Try again later', 451));
        });
    },
  });
  // A client that drops its connection is no failure of the listener.
  server.on('error', (error) => options.log('Bounce listener connection error', error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
