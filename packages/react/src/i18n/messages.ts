import type { commonMessages } from './en/common';
import type { directoryMessages } from './en/directory';
import type { formsMessages } from './en/forms';
import type { reauthMessages } from './en/reauth';
import type { scimMessages } from './en/scim';
import type { sessionMessages } from './en/session';
import type { settingsMessages } from './en/settings';
import type { Message } from './format';

type Catalog<T> = { [K in keyof T]: Message };

/** Every message of the kit, by component. A locale (such as `de`) is one of these. */
export interface Messages {
  common: Catalog<typeof commonMessages>;
  forms: Catalog<typeof formsMessages>;
  scim: Catalog<typeof scimMessages>;
  directory: Catalog<typeof directoryMessages>;
  session: Catalog<typeof sessionMessages>;
  reauth: Catalog<typeof reauthMessages>;
  settings: Catalog<typeof settingsMessages>;
}

/** What a host passes to `IdentityKitProvider`'s `messages`: any subset. */
export type MessageOverrides = { [N in keyof Messages]?: Partial<Messages[N]> };
