import { describe, expect, it } from 'vitest';
import { bounceTag, isTaggedBounceAddress, readBounceTag, taggedAddress } from '../../src/mail/bounce-tag';

const key = 'test-address-hash-key-with-enough-length';

describe('bounce tags (VERP)', () => {
  it('names the outbox row in the address and reads it back', () => {
    const address = taggedAddress('bounces@gemeente.nl', bounceTag(key, 42));
    expect(address).toMatch(/^bounces\+42-[0-9a-f]{12}@gemeente\.nl$/);
    expect(readBounceTag(key, address)).toBe(42);
    expect(readBounceTag(key, `<${address.toUpperCase()}>`)).toBe(42);
  });

  it('refuses a tag without a MAC, with a wrong MAC, with another key, or moved to another row', () => {
    const tag = bounceTag(key, 42);
    expect(readBounceTag(key, 'bounces@gemeente.nl')).toBeUndefined();
    expect(readBounceTag(key, 'bounces+42@gemeente.nl')).toBeUndefined();
    expect(readBounceTag(key, `bounces+42-${'0'.repeat(12)}@gemeente.nl`)).toBeUndefined();
    expect(readBounceTag('another-key-of-at-least-thirty-two-chars', taggedAddress('bounces@gemeente.nl', tag))).toBeUndefined();
    expect(readBounceTag(key, taggedAddress('bounces@gemeente.nl', tag.replace(/^42-/, '43-')))).toBeUndefined();
    expect(readBounceTag(key, taggedAddress('bounces@gemeente.nl', tag.slice(0, -1)))).toBeUndefined();
  });

  it('accepts only the bounce address with a tag as a recipient', () => {
    expect(isTaggedBounceAddress('bounces@gemeente.nl', 'bounces+1-abc@gemeente.nl')).toBe(true);
    expect(isTaggedBounceAddress('bounces@gemeente.nl', 'Bounces+1-ABC@Gemeente.NL')).toBe(true);
    expect(isTaggedBounceAddress('bounces@gemeente.nl', 'bounces@gemeente.nl')).toBe(false);
    expect(isTaggedBounceAddress('bounces@gemeente.nl', 'bounces+1-abc@elders.nl')).toBe(false);
    expect(isTaggedBounceAddress('bounces@gemeente.nl', 'burgemeester+1@gemeente.nl')).toBe(false);
  });
});
