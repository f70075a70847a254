/** hoodiecrow-imap ships no types: the part the tests use (an in-memory IMAP server). */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface StoredMessage {
    raw: string;
    flags: string[];
    uid?: number;
    internaldate?: string;
  }
  interface StoredMailbox {
    messages?: StoredMessage[];
    separator?: string;
    folders?: Record<string, StoredMailbox>;
  }
  interface ImapCommandParsed {
    tag: string;
    command: string;
  }
  interface ImapConnection {
    send(response: { tag: string; command: string; attributes?: { type: string; value: string }[] }, description: string, parsed: ImapCommandParsed, data: unknown): void;
  }
  interface HoodiecrowServer {
    server: Server;
    listen(port: number, callback: () => void): void;
    close(callback?: () => void): void;
    appendMessage(mailbox: string, flags: string[], internaldate: Date | undefined, raw: string): void;
    getMailbox(path: string): { messages: StoredMessage[] } | undefined;
    setCommandHandler(command: string, handler: (connection: ImapConnection, parsed: ImapCommandParsed, data: unknown, callback: () => void) => void): void;
  }
  export default function hoodiecrow(options: {
    plugins?: string[];
    storage?: Record<string, StoredMailbox>;
    users?: Record<string, { password: string }>;
  }): HoodiecrowServer;
}
