import { createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { TrustedProxies } from '../config.ts';
import type { AppEnv } from './context.ts';

/**
 * The address of the client a request comes from, for rate limits. Without trusted proxies it is
 * the peer of the TCP connection and `X-Forwarded-For` is ignored (anyone can send it). With
 * `VERBUND_TRUSTED_PROXIES` it is read from the right of `X-Forwarded-For`: as many hops as
 * configured, or past every address in the configured list.
 *
 * Null when the request did not come through a socket (in-process `app.request` in tests and
 * tools): such requests are not limited.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  if (!cameThroughSocket(c)) return null;
  return resolveClientAddress({
    peer: getConnInfo(c).remote.address,
    forwardedFor: c.req.header('x-forwarded-for'),
    trusted: c.get('platform').config.trustedProxies,
  });
}

/** Whether the peer of the connection is a configured proxy (VERBUND_TRUSTED_PROXIES). */
export function fromTrustedProxy(c: Context<AppEnv>) {
  const trusted = c.get('platform').config.trustedProxies;
  if (!trusted || trusted.kind === 'none') return false;
  if (trusted.kind === 'hops') return trusted.hops > 0;
  if (!cameThroughSocket(c)) return false;
  return isTrustedAddress(normalizeAddress(getConnInfo(c).remote.address ?? ''), trusted.entries);
}

function cameThroughSocket(c: Context<AppEnv>) {
  const bindings = c.env as { server?: { incoming?: unknown }; incoming?: unknown } | undefined;
  return Boolean(bindings?.server?.incoming ?? bindings?.incoming);
}

function isTrustedAddress(address: string, entries: string[]) {
  const family = isIP(address);
  return family !== 0 && blockListOf(entries).check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function resolveClientAddress({
  peer,
  forwardedFor,
  trusted,
}: {
  peer: string | undefined;
  forwardedFor: string | undefined;
  trusted: TrustedProxies;
}): string {
  // A socket without an address has already closed; such requests share one budget.
  const self = peer ? normalizeAddress(peer) : 'unknown';
  if (trusted.kind === 'none' || !forwardedFor) return self;
  const hops = forwardedFor
    .split(',')
    .map((entry) => normalizeAddress(entry))
    .filter((entry) => entry !== '');
  if (trusted.kind === 'hops') {
    // The peer is hop 0; each trusted proxy appended the address it saw on the right.
    const chain = [...hops, self];
    return chain[Math.max(0, chain.length - 1 - trusted.hops)]!;
  }
  const isTrusted = (address: string) => isTrustedAddress(address, trusted.entries);
  if (!isTrusted(self)) return self;
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!)) return hops[i]!;
  return hops[0] ?? self;
}

/** Strips ports, brackets and the IPv4-mapped prefix: `[::ffff:1.2.3.4]:80` → `1.2.3.4`. */
export function normalizeAddress(value: string) {
  let text = value.trim().toLowerCase().slice(0, 100);
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (v4WithPort) text = v4WithPort[1]!;
  if (text.startsWith('::ffff:') && isIP(text.slice(7)) === 4) text = text.slice(7);
  return text;
}

/**
 * What a limit counts: a pseudonym of the address (SHA-256, nothing stored in clear). IPv6 clients
 * count per /64, the block a single connection usually gets – otherwise one host could rotate
 * through 2^64 addresses.
 */
export function addressSubject(address: string) {
  const subject = isIP(address) === 6 ? `${expandIPv6(address).slice(0, 4).join(':')}::/64` : address;
  return createHash('sha256').update(subject).digest('hex').slice(0, 32);
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const parts = (text: string) => (text ? text.split(':') : []);
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((group) =>
    group.padStart(4, '0'),
  );
}

const blockLists = new WeakMap<string[], BlockList>();
function blockListOf(entries: string[]) {
  let list = blockLists.get(entries);
  if (!list) {
    list = new BlockList();
    for (const entry of entries) {
      const [address = '', bits] = entry.split('/');
      const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    blockLists.set(entries, list);
  }
  return list;
}
