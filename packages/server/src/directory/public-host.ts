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

/** Whether an IP address is one a server on the internet could be at. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
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
