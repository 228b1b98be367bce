import { useIdentityKit } from '../provider/context';

/**
 * Joins the kit's class (left out in `unstyled` mode) with the host's `className`. The kit's classes are
 * prefixed `ik-` and named after the part, e.g. `ik-Button`.
 */
export function useCx() {
  const { unstyled } = useIdentityKit();
  return (kitClass: string, className?: string) =>
    unstyled ? className : className ? `${kitClass} ${className}` : kitClass;
}
