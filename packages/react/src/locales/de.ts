// German, complete. Load it only where needed:
//   import { de } from '@identity-kit/react/locales/de';
//   <IdentityKitProvider locale="de" messages={de}>
import type { Messages } from '../i18n/messages';
import { common } from './de/common';
import { directory } from './de/directory';
import { forms } from './de/forms';
import { reauth } from './de/reauth';
import { scim } from './de/scim';
import { session } from './de/session';
import { settings } from './de/settings';

export const de: Messages = { common, forms, scim, directory, session, reauth, settings };
