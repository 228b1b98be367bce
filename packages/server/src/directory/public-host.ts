// Where a URL an admin typed may lead the server. An Okta org URL comes from a workspace admin, not from the
// operator: left unchecked, `https://169.254.169.254` or a name that resolves into the server's own network would
// have the server probe internal services and report what answered. Every address the host resolves to must be a
// public one. (fetch resolves the name again, so a DNS answer that changes right after this check is not covered;
// TLS still keeps the token from any host without a certificate for the name. Operators who need more run the
// server behind an egress proxy.)
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DirectoryError } from './connector';

const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 3], // multicast, reserved, broadcast
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

const ipv4Of = (high: string, low: string) => {
  const bits = (Number.parseInt(high, 16) << 16) | Number.parseInt(low, 16);
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.');
};

/**
 * The IPv4 address inside a NAT64 one (64:ff9b::/96, RFC 6052: what DNS64 answers on IPv6-only hosts) or a 6to4
 * one (2002::/16, RFC 3056): judged as that IPv4 address.
 */
function embeddedIpv4(address: string): string | undefined {
  const nat64 = /^64:ff9b::(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i.exec(address);
  if (nat64) return nat64[3] ?? ipv4Of(nat64[1] as string, nat64[2] as string);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/i.exec(address);
  return sixToFour ? ipv4Of(sixToFour[1] as string, sixToFour[2] as string) : undefined;
}

/** Whether an IP address is one a server on the internet could be at. */
export function isPublicAddress(address: string): boolean {
  const embedded = embeddedIpv4(address);
  if (embedded) return isPublicAddress(embedded);
  const family = isIP(address);
  if (family === 0) return false;
  // (BlockList matches IPv4-mapped IPv6 addresses, ::ffff:10.0.0.1, against the IPv4 ranges itself.)
  return !notPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves when every address `url`'s host stands for is public; otherwise a DirectoryError the admin can act on
 * (`invalid_credentials`: the URL is theirs to fix). `what` names the field, e.g. "The Okta org URL".
 */
export async function assertPublicHost(
  url: string,
  what: string,
  resolve: Lookup = systemLookup,
): Promise<void> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(hostname) ? [hostname] : await resolve(hostname);
  } catch {
    throw new DirectoryError(
      'unavailable',
      `${what} (${hostname}) could not be resolved; check it, or try again.`,
    );
  }
  const internal = addresses.find((address) => !isPublicAddress(address));
  if (internal !== undefined || addresses.length === 0) {
    throw new DirectoryError(
      'invalid_credentials',
      `${what} (${hostname}) points at a private network address${internal ? ` (${internal})` : ''}. Enter the public address of your org.`,
    );
  }
}
