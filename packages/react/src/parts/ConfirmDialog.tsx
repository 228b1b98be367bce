import * as Dialog from '@radix-ui/react-dialog';
import { type ReactElement, type ReactNode, useEffect } from 'react';
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
 * While a modal is open, the page behind it stays still. Radix's own Dialog.Overlay does this with
 * react-remove-scroll, 4.3 KB gzipped of the kit's 30 KB budget; this does it for a few bytes. Where the page had a
 * scrollbar its gutter is kept, so nothing shifts sideways. Through the CSSOM, so a strict CSP allows it.
 */
function useScrollLock(locked: boolean) {
  useEffect(() => {
    if (!locked) return;
    const root = document.documentElement;
    const { overflow, scrollbarGutter } = root.style;
    if (window.innerWidth > root.clientWidth) root.style.scrollbarGutter = 'stable';
    root.style.overflow = 'hidden';
    return () => {
      root.style.overflow = overflow;
      root.style.scrollbarGutter = scrollbarGutter;
    };
  }, [locked]);
}

/**
 * A modal confirmation on Radix Dialog: focus moves into it and returns to the trigger, Escape and Cancel close
 * it, the rest of the page is hidden from assistive technology and inert to the pointer, and while the action
 * runs the confirm button is disabled so it cannot fire twice.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onOpenChange, title, description, confirmLabel, pendingLabel, pending, onConfirm } = props;
  const { theme } = useIdentityKit();
  const { t } = useMessages('common', commonMessages);
  const cx = useCx();
  useScrollLock(open);
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <Dialog.Trigger asChild>{props.trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <div className={cx('ik-Overlay')} />
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
