import hoodiecrow from 'hoodiecrow-imap';

/** What a mail server of today announces; MOVE may be left out to see the COPY fallback. */
export const IMAP_PLUGINS = ['ID', 'SASL-IR', 'AUTH-PLAIN', 'NAMESPACE', 'IDLE', 'ENABLE', 'CONDSTORE', 'LITERALPLUS', 'UNSELECT', 'SPECIAL-USE', 'UIDPLUS', 'MOVE'];

export interface TestImapServer {
  /** BOUNCE_IMAP_URL for this server's INBOX (user `bounces`, password `geheim wachtwoord`, URL-encoded). */
  url: string;
  port: number;
  /** The messages a mailbox holds now, with their flags (undefined: no such mailbox). */
  messages(path: string): { raw: string; flags: string[] }[] | undefined;
  /** A message arrives in INBOX, unseen. */
  deliver(raw: string): void;
  /** The server answers NO to CREATE, as one that does not let this user make folders. */
  refuseCreate(): void;
  close(): Promise<void>;
}

/** A real IMAP server (hoodiecrow, in memory) on an ephemeral port, with these messages unseen in INBOX. */
export async function startImapServer(raws: string[], options: { plugins?: string[] } = {}): Promise<TestImapServer> {
  const server = hoodiecrow({
    plugins: options.plugins ?? IMAP_PLUGINS,
    storage: { INBOX: { messages: raws.map((raw) => ({ raw, flags: [] })) } },
    users: { bounces: { password: 'geheim wachtwoord' } },
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `imap://bounces:geheim%20wachtwoord@127.0.0.1:${port}/INBOX`,
    port,
    messages: (path) => server.getMailbox(path)?.messages.map((message) => ({ raw: message.raw, flags: [...message.flags] })),
    deliver: (raw) => server.appendMessage('INBOX', [], undefined, raw),
    refuseCreate: () =>
      server.setCommandHandler('CREATE', (connection, parsed, data, callback) => {
        connection.send({ tag: parsed.tag, command: 'NO', attributes: [{ type: 'TEXT', value: 'Permission denied' }] }, 'CREATE FAILED', parsed, data);
        callback();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
