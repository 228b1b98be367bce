import type { IdentityClient } from '@identity-kit/sdk';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { MessageOverrides } from '../i18n/messages';

export type Theme = 'light' | 'dark' | 'system';

export interface IdentityKitContextValue {
  client: IdentityClient;
  queryClient: QueryClient;
  locale: string;
  messages: MessageOverrides;
  theme: Theme;
  unstyled: boolean;
}

export const IdentityKitContext = createContext<IdentityKitContextValue | null>(null);

/** The kit's client, query client, locale and theme. Throws outside `IdentityKitProvider`. */
export function useIdentityKit(): IdentityKitContextValue {
  const value = useContext(IdentityKitContext);
  if (!value) {
    throw new Error(
      process.env.NODE_ENV === 'production'
        ? 'IdentityKitProvider missing'
        : 'Identity Kit components and hooks must be used within <IdentityKitProvider>: wrap your settings page ' +
            'in <IdentityKitProvider client={{ baseUrl, workspaceId }}>.',
    );
  }
  return value;
}
