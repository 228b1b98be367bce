import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { commonMessages } from '../i18n/en/common';
import { formsMessages } from '../i18n/en/forms';
import { useMessages } from '../i18n/useMessages';
import { useCx } from './cx';
import { ErrorNotice, Notice } from './Notice';

export interface QueryStateProps<T> {
  query: UseQueryResult<T, Error>;
  children: (data: T) => ReactNode;
}

/**
 * Loading, failure, 403 and offline for one query, the same in every component; `children` renders the data.
 * The placeholder reserves the space the content takes (`--ik-placeholder-height`) so nothing jumps.
 */
export function QueryState<T>({ query, children }: QueryStateProps<T>) {
  const { t } = useMessages('forms', formsMessages);
  const common = useMessages('common', commonMessages);
  const cx = useCx();
  if (query.data !== undefined) return children(query.data);
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  if (query.fetchStatus === 'paused') return <Notice tone="warning">{common.t('offline')}</Notice>;
  return (
    <div className={cx('ik-Placeholder')} role="status" aria-busy="true">
      <span className={cx('ik-VisuallyHidden')}>{t('loading')}</span>
    </div>
  );
}
