import type { ReactNode } from 'react';
import { commonMessages } from '../i18n/en/common';
import { useMessages } from '../i18n/useMessages';
import { useCx } from './cx';
import { describeError, requestIdOf } from './describeError';

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface NoticeProps {
  tone?: Tone;
  children: ReactNode;
  className?: string;
}

/**
 * A message about something that happened. Errors are alerts (announced at once); the rest are polite status
 * updates, announced when the screen reader is free.
 */
export function Notice({ tone = 'info', children, className }: NoticeProps) {
  const cx = useCx();
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cx('ik-Notice', className)} data-tone={tone}>
      {children}
    </div>
  );
}

export interface ErrorNoticeProps {
  error: unknown;
  /** Offered when trying again can help (not for 403 or a validation error). */
  onRetry?: () => void;
}

export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useMessages('common', commonMessages);
  const cx = useCx();
  const { message, retryable } = describeError(error, t);
  const requestId = requestIdOf(error);
  return (
    <Notice tone="error">
      <p>{message}</p>
      {requestId && <p className={cx('ik-Hint')}>{t('requestId', { requestId })}</p>}
      {onRetry && retryable && (
        <button type="button" className={cx('ik-Button')} data-variant="secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </Notice>
  );
}
