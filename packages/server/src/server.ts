// The reference server as one Web-standard handler. This slice serves SCIM; the identity admin API
// (openapi.yaml), sessions and the playground join here as further routes over the same storage.
import type { IdentityServerEvents } from './events';
import { createScimHandler, type ScimHandlerOptions } from './scim/scim-handler';
import type { Storage } from './storage/storage';

export interface IdentityServerOptions {
  storage: Storage;
  events?: IdentityServerEvents;
  scim?: Omit<ScimHandlerOptions, 'storage' | 'events'>;
}

export interface IdentityServer {
  readonly storage: Storage;
  fetch(request: Request): Promise<Response>;
}

export function createIdentityServer(options: IdentityServerOptions): IdentityServer {
  const scimOptions = options.scim ?? {};
  const scim = createScimHandler({
    ...scimOptions,
    storage: options.storage,
    ...(options.events ? { events: options.events } : {}),
  });
  const scimBase = (scimOptions.basePath ?? '/scim/v2').replace(/\/$/, '');
  return {
    storage: options.storage,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === scimBase || pathname.startsWith(`${scimBase}/`)) return scim.fetch(request);
      // The contract's error shape (ErrorBody in openapi.yaml), which the SDK parses.
      return Response.json(
        {
          error: {
            status: 404,
            code: 'not_found',
            message: `No route for ${pathname}.`,
            requestId: crypto.randomUUID(),
            fieldErrors: [],
          },
        },
        { status: 404 },
      );
    },
  };
}
