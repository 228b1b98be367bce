import type { Messages } from '../../i18n/messages';

export const settings: Messages['settings'] = {
  title: 'Identität',
  description:
    'Stellen Sie Benutzer aus Ihrem Identitätsanbieter bereit und legen Sie fest, wie lange Personen angemeldet bleiben.',
};
