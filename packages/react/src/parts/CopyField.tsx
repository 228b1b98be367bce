import { useId, useState } from 'react';
import { formsMessages } from '../i18n/en/forms';
import { useMessages } from '../i18n/useMessages';
import { useCx } from './cx';

export interface CopyFieldProps {
  label: string;
  value: string;
  /** Shown in a monospace font, e.g. a token. */
  secret?: boolean;
  description?: string;
}

/** A read-only value with a copy button; the result of copying is announced. */
export function CopyField({ label, value, secret, description }: CopyFieldProps) {
  const { t } = useMessages('forms', formsMessages);
  const cx = useCx();
  const id = useId();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <div className={cx('ik-Field')} data-secret={secret || undefined}>
      <label htmlFor={id} className={cx('ik-Label')}>
        {label}
      </label>
      {description && (
        <p id={`${id}-d`} className={cx('ik-Hint')}>
          {description}
        </p>
      )}
      <div className={cx('ik-CopyRow')}>
        <input
          id={id}
          className={cx('ik-Input')}
          readOnly
          value={value}
          aria-describedby={description ? `${id}-d` : undefined}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button
          type="button"
          className={cx('ik-Button')}
          data-variant="secondary"
          onClick={copy}
          aria-label={t('copyWhat', { label })}
        >
          {t('copy')}
        </button>
      </div>
      <p role="status" className={cx('ik-Hint')} data-status={status}>
        {status === 'copied' ? t('copied') : status === 'failed' ? t('copyFailed') : ''}
      </p>
    </div>
  );
}
