// Reads SCIMMY's engine-independent test vectors from ../shared/conformance (never copied into the repo).
import { existsSync, readFileSync } from 'node:fs';

const dir = new URL('../../../../../shared/conformance/scimmy-vectors/', import.meta.url);

/** The parsed vector file, or `undefined` (tests skip, saying why) when the shared folder is absent. */
export function readVectors<T>(name: string): T | undefined {
  const file = new URL(name, dir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
