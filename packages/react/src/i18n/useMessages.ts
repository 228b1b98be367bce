import { useMemo } from 'react';
import { useIdentityKit } from '../provider/context';
import { format, type Message, type Params } from './format';
import type { Messages } from './messages';

/**
 * The messages of one component: its English defaults (imported by the component itself, so each entry carries
 * only its own strings) under the host's overrides, and `t` to fill them in the active locale.
 */
export function useMessages<N extends keyof Messages>(namespace: N, defaults: Messages[N]) {
  const { locale, messages } = useIdentityKit();
  return useMemo(() => {
    const merged: Messages[N] = { ...defaults, ...messages[namespace] };
    const t = (key: keyof Messages[N], params?: Params) => format(locale, merged[key] as Message, params);
    return { t, locale };
  }, [locale, messages, namespace, defaults]);
}
