// Reading a provider's answer: JSON or a bad_response that says what came instead.
import { DirectoryError } from '../connector';

export async function readJson<T>(provider: string, response: Response, what: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DirectoryError(
      'bad_response',
      `${provider} answered ${what} with something other than JSON (HTTP ${response.status}: ${text.slice(0, 120)}).`,
      response.status,
    );
  }
}

/** The same origin and path prefix as `base`: links from responses and stored resume points go nowhere else. */
export function assertWithin(provider: string, url: string, base: string): string {
  const target = new URL(url);
  const root = new URL(base);
  if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname.replace(/\/$/, ''))) {
    throw new DirectoryError(
      'bad_response',
      `${provider} sent a link outside ${root.origin} (${target.origin}); it was not followed.`,
    );
  }
  return url;
}
