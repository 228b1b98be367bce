import { cloneElement, type ReactElement, useId } from 'react';
import { useCx } from './cx';

export interface FieldProps {
  label: string;
  description?: string;
  /** Shown under the control, linked to it, and marks it invalid. */
  error?: string | undefined;
  required?: boolean;
  /** One form control; it receives `id`, `aria-describedby`, `aria-invalid` and `required`. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}

/** A labelled form control with its description and error, wired for assistive technology. */
export function Field({ label, description, error, required, children, className }: FieldProps) {
  const cx = useCx();
  const id = useId();
  const describedBy = [description && `${id}-d`, error && `${id}-e`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('ik-Field', className)} data-invalid={error ? '' : undefined}>
      <label htmlFor={id} className={cx('ik-Label')}>
        {label}
      </label>
      {description && (
        <p id={`${id}-d`} className={cx('ik-Hint')}>
          {description}
        </p>
      )}
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
        required,
      })}
      {error && (
        <p id={`${id}-e`} className={cx('ik-FieldError')}>
          {error}
        </p>
      )}
    </div>
  );
}
