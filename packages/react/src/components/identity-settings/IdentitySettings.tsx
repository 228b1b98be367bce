import { useId } from 'react';
import { settingsMessages } from '../../i18n/en/settings';
import { useMessages } from '../../i18n/useMessages';
import { useCx } from '../../parts/cx';
import { Heading, HeadingLevel } from '../../parts/Heading';
import { useIdentityKit } from '../../provider/context';
import { ConnectScimProvider } from '../connect-scim-provider/ConnectScimProvider';
import { DirectorySyncPicker } from '../directory-sync-picker/DirectorySyncPicker';
import { ForceReauthButton } from '../force-reauth-button/ForceReauthButton';
import { SessionDurationForm } from '../session-duration-form/SessionDurationForm';

export interface IdentitySettingsProps {
  className?: string;
}

/** The whole Identity settings section: SCIM, directory sync, session duration and signing everyone out. */
export function IdentitySettings({ className }: IdentitySettingsProps) {
  const { t } = useMessages('settings', settingsMessages);
  const { theme } = useIdentityKit();
  const cx = useCx();
  const id = useId();
  return (
    <section className={cx('ik ik-IdentitySettings', className)} data-theme={theme} aria-labelledby={id}>
      <div className={cx('ik-Header')}>
        <Heading id={id} className={cx('ik-PageTitle')}>
          {t('title')}
        </Heading>
        <p className={cx('ik-Text')}>{t('description')}</p>
      </div>
      <HeadingLevel.Provider value={3}>
        <ConnectScimProvider />
        <DirectorySyncPicker />
        <SessionDurationForm />
        <ForceReauthButton />
      </HeadingLevel.Provider>
    </section>
  );
}
