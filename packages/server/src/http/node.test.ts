import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdentityServer } from '../server';
import { openSqliteStorage, type SqliteStorage } from '../storage/sqlite';
import { createTestConnection } from '../testing/test-connection';
import { serve } from './node';

let storage: SqliteStorage;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  await storage.close();
});

async function start(maxBodyBytes?: number) {
  storage = openSqliteStorage({ filename: ':memory:' });
  const server = createIdentityServer({ storage, scim: { rateLimit: false, testTokenEndpoint: true } });
  const http = await serve(server, maxBodyBytes ? { maxBodyBytes } : {});
  close = http.close;
  const connection = await createTestConnection(storage);
  return { url: http.url, connection, base: connection.baseUrl(http.url) };
}

/** A raw request, so a GET can carry a body as Microsoft's collection sends it. */
function raw(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method, headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('the Node adapter', () => {
  it('serves the SCIM endpoint over HTTP, with Location on the host the client used', async () => {
    const { base, connection } = await start();
    const response = await fetch(`${base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${connection.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ userName: 'ada@example.com' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const { id } = (await response.json()) as { id: string };
    expect(response.headers.get('location')).toBe(`${base}/Users/${id}`);
  });

  it('answers SCIM without Fetch objects exactly as fetch does: headers, 204s and errors', async () => {
    const { base, connection } = await start();
    const auth = { authorization: `Bearer ${connection.token}` };
    const created = await raw(
      `${base}/Users`,
      'POST',
      { ...auth, 'content-type': 'application/scim+json' },
      JSON.stringify({ userName: 'grace@example.com', externalId: 'g-1' }),
    );
    const user = JSON.parse(created.body) as { id: string; meta: { version: string } };
    expect(created.headers.etag).toBe(user.meta.version);
    expect(created.headers['content-length']).toBe(String(Buffer.byteLength(created.body)));
    // The same resource read back through the Fetch handler.
    const server = createIdentityServer({ storage, scim: { rateLimit: false } });
    const viaFetch = await server.fetch(new Request(`${base}/Users/${user.id}`, { headers: auth }));
    expect(await viaFetch.json()).toEqual(JSON.parse(created.body));

    const denied = await raw(`${base}/Users`, 'GET', { authorization: 'Bearer wrong' });
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer realm="SCIM"');
    expect(JSON.parse(denied.body)).toMatchObject({ status: '401' });

    const deleted = await raw(`${base}/Users/${user.id}`, 'DELETE', auth);
    expect(deleted).toMatchObject({ status: 204, body: '' });
  });

  it('answers 413 to a body over the limit, declared or streamed, before the handler reads it', async () => {
    const { base, connection } = await start(512);
    const headers = { authorization: `Bearer ${connection.token}`, 'content-type': 'application/scim+json' };
    const declared = await raw(
      `${base}/Users`,
      'POST',
      headers,
      JSON.stringify({ userName: 'x'.repeat(1000) }),
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ status: '413' });
    const streamed = await raw(
      `${base}/Users`,
      'POST',
      { ...headers, 'transfer-encoding': 'chunked' },
      JSON.stringify({ userName: 'y'.repeat(1000) }),
    );
    expect(streamed.status).toBe(413);
  });

  it('accepts a GET with a body (the test-mode token endpoint, as Microsoft calls it)', async () => {
    const { base } = await start();
    const body = '"SecureLogin"';
    const response = await raw(
      `${base}/Token`,
      'GET',
      { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    );
    expect(response.status).toBe(200);
    const { token } = JSON.parse(response.body) as { token: string };
    const users = await fetch(`${base}/Users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(200);
  });

  it('answers routes outside SCIM with the contract error shape', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/identity/workspaces/x`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { status: 404, code: 'not_found', fieldErrors: [] },
    });
  });
});
