// Where a URL an admin typed may lead the server. An Okta org URL comes from a workspace admin, not from the
// operator: left unchecked, `https://169.254.169.254` or a name that resolves into the server's own network would
// have the server send requests (with the admin's API token) to cloud metadata or internal services. Every address
// the host resolves to must be a public one. (A DNS answer that changes between this check and the connection is
// not covered; operators who need that run the server behind an egress proxy.)
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
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside a NAT64 one (64:ff9b::/96, RFC 6052), which DNS64 answers with on IPv6-only hosts. */
function nat64(address: string): string | undefined {
  const match = /^64:ff9b::(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i.exec(address);
  if (!match) return undefined;
  if (match[3]) return match[3];
  const bits = (Number.parseInt(match[1] as string, 16) << 16) | Number.parseInt(match[2] as string, 16);
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.');
}

/** Whether an IP address is one a server on the internet could be at. */
export function isPublicAddress(address: string): boolean {
  const embedded = nat64(address);
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
