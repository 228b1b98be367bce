import type { ComponentPropsWithoutRef } from 'react';
import { useIdentityKit } from '../provider/context';
import { useCx } from './cx';

export interface RootProps extends ComponentPropsWithoutRef<'section'> {
  /** The part's name: the class becomes `ik-${part}`. */
  part: string;
}

/** The outer element of every component: carries the theme, so the `--ik-*` tokens apply inside it. */
export function Root({ part, className, ...props }: RootProps) {
  const { theme } = useIdentityKit();
  const cx = useCx();
  return <section {...props} className={cx(`ik ik-Section ik-${part}`, className)} data-theme={theme} />;
}
