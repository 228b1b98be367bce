import type { PageBody } from '../schema';
import { IdentityKitError } from './errors';

/**
 * One page of a list. `for await (const item of page)` walks every item of this page and the ones after it;
 * `iterPages()` walks pages.
 */
export class Page<T> implements AsyncIterable<T> {
  readonly data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
  /** All matches, across pages. */
  readonly totalCount: number;
  readonly #fetchPage: (cursor: string) => Promise<Page<T>>;

  constructor(body: PageBody<T>, fetchPage: (cursor: string) => Promise<Page<T>>) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
    this.totalCount = body.totalCount;
    this.#fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  getNextPage(): Promise<Page<T>> {
    if (this.nextCursor === null) {
      return Promise.reject(new IdentityKitError('This is the last page; check hasNextPage() first.'));
    }
    return this.#fetchPage(this.nextCursor);
  }

  async *iterPages(): AsyncGenerator<Page<T>> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What list methods return: await it for the first page, or iterate it directly for every item:
 * `for await (const user of client.users.list())`.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #page: Promise<Page<T>>;

  constructor(page: Promise<Page<T>>) {
    this.#page = page;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design.
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.#page.catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return this.#page.finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    yield* await this.#page;
  }
}
