import { APIResource } from '../core/resource';
import { path } from '../internal/path';
import type { RequestOptions } from '../internal/request';
import type { Provider, ProviderId } from '../schema';

/** The identity providers this workspace can connect, with setup guides and credential fields. */
export class Providers extends APIResource {
  async list(options?: RequestOptions): Promise<Provider[]> {
    const body = await this.send<{ data: Provider[] }>('GET', '/providers', options);
    return body.data;
  }

  get(id: ProviderId, options?: RequestOptions): Promise<Provider> {
    return this.send('GET', path`/providers/${id}`, options);
  }
}
