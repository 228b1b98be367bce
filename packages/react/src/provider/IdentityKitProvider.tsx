import { createIdentityClient, type IdentityClient, type IdentityClientOptions } from '@identity-kit/sdk';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { MessageOverrides } from '../i18n/messages';
import { IdentityKitContext, type Theme } from './context';

export interface IdentityKitProviderProps {
  /** An SDK client, or the options to create one. */
  client: IdentityClient | IdentityClientOptions;
  /** Share the host's cache. Default: the nearest `QueryClientProvider`'s client, else one of the kit's own. */
  queryClient?: QueryClient;
  /** A BCP 47 tag for dates, numbers and plurals. Default `en`. */
  locale?: string;
  /** Overrides for any message, or a whole locale such as `de` from `@identity-kit/react/locales/de`. */
  messages?: MessageOverrides;
  /** Default `system`: follows the user's preference. */
  theme?: Theme;
  /** Leave out the kit's classes: style the parts yourself through `className` and `data-*` attributes. */
  unstyled?: boolean;
  children?: ReactNode;
}

// One object, so that a provider without `messages` does not hand its consumers a new value on every render.
const noOverrides: MessageOverrides = {};

export function IdentityKitProvider({
  client,
  queryClient,
  locale = 'en',
  messages = noOverrides,
  theme = 'system',
  unstyled = false,
  children,
}: IdentityKitProviderProps) {
  const hostQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() => queryClient ?? hostQueryClient ?? new QueryClient());
  // Duck-typed: a client from another copy of the SDK (two versions installed) is still a client.
  const given = 'scimConnections' in client ? client : null;
  const options = given ? null : (client as IdentityClientOptions);
  // Options are often written inline: re-create the client only when where it points changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the fields that define the client.
  const resolvedClient = useMemo(
    () => given ?? createIdentityClient(options as IdentityClientOptions),
    [given, options?.baseUrl, options?.workspaceId],
  );
  const resolvedQueryClient = queryClient ?? hostQueryClient ?? ownQueryClient;
  // A QueryClientProvider mounts its client (refetch on focus and reconnect, resuming paused queries); a client
  // that reaches the kit any other way is mounted here. Mounting is counted, so a client mounted twice is fine.
  useEffect(() => {
    resolvedQueryClient.mount();
    return () => resolvedQueryClient.unmount();
  }, [resolvedQueryClient]);
  const value = useMemo(
    () => ({
      client: resolvedClient,
      queryClient: resolvedQueryClient,
      locale,
      messages,
      theme,
      unstyled,
    }),
    [resolvedClient, resolvedQueryClient, locale, messages, theme, unstyled],
  );
  return <IdentityKitContext.Provider value={value}>{children}</IdentityKitContext.Provider>;
}
