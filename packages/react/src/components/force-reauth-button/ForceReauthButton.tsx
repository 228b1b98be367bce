import type { Reauthentication } from '@identity-kit/sdk';
import { type ReactNode, useId, useState } from 'react';
import { useForceReauthentication, useReauthenticationStatus } from '../../hooks/useReauthentication';
import { reauthMessages } from '../../i18n/en/reauth';
import { formatDateTime } from '../../i18n/format';
import { useMessages } from '../../i18n/useMessages';
import { ConfirmDialog } from '../../parts/ConfirmDialog';
import { useCx } from '../../parts/cx';
import { Heading } from '../../parts/Heading';
import { mutationStatus } from '../../parts/mutationStatus';
import { ErrorNotice, Notice } from '../../parts/Notice';
import { Root } from '../../parts/Root';

export interface ForceReauthButtonProps {
  className?: string;
  /**
   * Fixes whether the admin's own session survives, and hides the choice. Left out, the dialog asks, and keeps the
   * admin signed in unless they tick "Sign me out too".
   */
  keepCurrentSession?: boolean;
  /** Called after everyone was signed out; when `keptCurrentSession` is false, send the admin to sign in. */
  onForced?: (result: Reauthentication) => void;
  /** The trigger's label. */
  children?: ReactNode;
}

/** Signs every user of the workspace out, after a confirmation that says exactly what will happen. */
export function ForceReauthButton({
  className,
  keepCurrentSession,
  onForced,
  children,
}: ForceReauthButtonProps) {
  const { t, locale } = useMessages('reauth', reauthMessages);
  const cx = useCx();
  const id = useId();
  const status = useReauthenticationStatus();
  const force = useForceReauthentication();
  const [open, setOpen] = useState(false);
  const [signMeOut, setSignMeOut] = useState(false);
  const keep = keepCurrentSession ?? !signMeOut;
  const last = status.data?.last;
  const result = force.data;

  const confirm = () =>
    force.mutate(
      { keepCurrentSession: keep },
      {
        onSuccess: (done) => {
          setOpen(false);
          onForced?.(done);
        },
      },
    );

  return (
    <Root
      part="ForceReauthButton"
      className={className}
      aria-labelledby={id}
      data-status={mutationStatus(force)}
    >
      <Heading id={id}>{t('title')}</Heading>
      <p className={cx('ik-Text')}>{t('description')}</p>
      {last && (
        <p className={cx('ik-Hint')}>
          {t('lastDone', {
            when: formatDateTime(locale, last.effectiveAt),
            who: last.performedBy.displayName ?? last.performedBy.email ?? last.performedBy.id,
          })}
        </p>
      )}
      {status.isError && <ErrorNotice error={status.error} onRetry={() => status.refetch()} />}
      {result && (
        <Notice tone="success">
          {t('done', { count: result.affectedUsers, sessions: result.revokedSessions })}
          {!result.keptCurrentSession && ` ${t('doneSelf')}`}
        </Notice>
      )}
      <ConfirmDialog
        trigger={
          <button type="button" className={cx('ik-Button')} data-variant="danger">
            {children ?? t('trigger')}
          </button>
        }
        open={open}
        onOpenChange={(next) => {
          if (next) force.reset();
          setOpen(next);
        }}
        tone="danger"
        title={t('dialogTitle')}
        description={
          <>
            <p>{status.data ? t('people', { count: status.data.activeUsers }) : t('everyone')}</p>
            <p>{t('unaffected')}</p>
          </>
        }
        confirmLabel={t('confirm')}
        pendingLabel={t('pending')}
        pending={force.isPending}
        onConfirm={confirm}
      >
        {keepCurrentSession === undefined && (
          <label className={cx('ik-Check')}>
            <input type="checkbox" checked={signMeOut} onChange={(e) => setSignMeOut(e.target.checked)} />
            {t('signMeOut')}
          </label>
        )}
        <p role="status" className={cx('ik-Text')}>
          {t(keep ? 'youStay' : 'youLeave')}
        </p>
        {force.isError && <ErrorNotice error={force.error} />}
      </ConfirmDialog>
    </Root>
  );
}
