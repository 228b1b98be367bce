import { type ComponentPropsWithoutRef, createContext, useContext } from 'react';
import { useCx } from './cx';

type Level = 2 | 3 | 4;

/** The heading level of the kit's section titles: 2 on their own, one deeper inside `IdentitySettings`. */
export const HeadingLevel = createContext<Level>(2);

/** A section title at the level its context sets, so the page outline stays right wherever the kit is put. */
export function Heading({ className, ...props }: ComponentPropsWithoutRef<'h2'>) {
  const level = useContext(HeadingLevel);
  const cx = useCx();
  const Tag = `h${level}` as const;
  return <Tag {...props} className={cx('ik-Title', className)} />;
}
