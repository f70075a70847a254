import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * VERP: every mail leaves with its own envelope sender, `bounces+<outbox id>-<mac>@domain`, so a
 * bounce names its mail in the address it is delivered to — no need to trust what a bounce's body
 * says. The MAC (keyed with the server's secret) stops anyone from forging a bounce for other mails.
 * Lowercase hex only: some mail servers lowercase local parts.
 */
const MAC_LENGTH = 12;

function mac(key: string, outboxId: number): string {
  return createHmac('sha256', key).update(`bounce-tag|${outboxId}`, 'utf8').digest('hex').slice(0, MAC_LENGTH);
}

export function bounceTag(key: string, outboxId: number): string {
  return `${outboxId}-${mac(key, outboxId)}`;
}

/** `bounces@gemeente.nl` with the tag: `bounces+12-0a1b2c3d4e5f@gemeente.nl`. */
export function taggedAddress(bounceAddress: string, tag: string): string {
  const at = bounceAddress.lastIndexOf('@');
  return `${bounceAddress.slice(0, at)}+${tag}${bounceAddress.slice(at)}`;
}

/** The outbox id a tagged address names, or undefined without a tag or with a MAC that does not match. */
export function readBounceTag(key: string, address: string): number | undefined {
  const match = /\+(\d{1,15})-([0-9a-f]+)@[^@]+$/i.exec(address.trim().replace(/^<|>$/g, ''));
  if (!match) return undefined;
  const outboxId = Number(match[1]);
  const given = Buffer.from(match[2]!.toLowerCase());
  const expected = Buffer.from(mac(key, outboxId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? outboxId : undefined;
}

/** Whether an address is the bounce address with a tag (`bounces+…@gemeente.nl`), case-insensitively. */
export function isTaggedBounceAddress(bounceAddress: string, address: string): boolean {
  const at = bounceAddress.lastIndexOf('@');
  const local = bounceAddress.slice(0, at).toLowerCase();
  const domain = bounceAddress.slice(at + 1).toLowerCase();
  const match = /^([^@+]+)\+[^@]+@([^@]+)$/.exec(address.trim().toLowerCase());
  return match !== null && match[1] === local && match[2] === domain;
}
