import * as Dialog from '@radix-ui/react-dialog';
import type { ReactElement, ReactNode } from 'react';
import { commonMessages } from '../i18n/en/common';
import { useMessages } from '../i18n/useMessages';
import { useIdentityKit } from '../provider/context';
import { useCx } from './cx';

export interface ConfirmDialogProps {
  /** The button that opens the dialog; focus returns to it when the dialog closes. */
  trigger: ReactElement;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  /** The confirming button's label, e.g. "Sign everyone out". */
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
  /** Shown above the buttons: extra choices, a failure. */
  children?: ReactNode;
  /** `danger` colours the confirming button as a destructive action. */
  tone?: 'danger';
}

/**
 * A modal confirmation on Radix Dialog: focus moves into it and returns to the trigger, Escape and Cancel close
 * it, and while the action runs the confirm button is disabled so it cannot fire twice.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onOpenChange, title, description, confirmLabel, pendingLabel, pending, onConfirm } = props;
  const { theme } = useIdentityKit();
  const { t } = useMessages('common', commonMessages);
  const cx = useCx();
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <Dialog.Trigger asChild>{props.trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={cx('ik-Overlay')} />
        <Dialog.Content className={cx('ik ik-Dialog')} data-theme={theme}>
          <Dialog.Title className={cx('ik-Title')}>{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className={cx('ik-Text')}>{description}</div>
          </Dialog.Description>
          {props.children}
          <div className={cx('ik-Actions')}>
            <Dialog.Close asChild>
              <button type="button" className={cx('ik-Button')} data-variant="secondary" disabled={pending}>
                {t('cancel')}
              </button>
            </Dialog.Close>
            <button
              type="button"
              className={cx('ik-Button')}
              data-variant={props.tone}
              data-status={pending ? 'pending' : undefined}
              aria-disabled={pending || undefined}
              onClick={() => !pending && onConfirm()}
            >
              {pending ? pendingLabel : confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
