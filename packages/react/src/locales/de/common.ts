import type { Messages } from '../../i18n/messages';

export const common: Messages['common'] = {
  retry: 'Erneut versuchen',
  cancel: 'Abbrechen',
  forbidden: 'Nur Admins und Inhaber dieses Workspace können die Identitätseinstellungen verwalten.',
  signedOut: 'Ihre Sitzung ist beendet. Melden Sie sich erneut an, um fortzufahren.',
  offline:
    'Sie sind offline. Ihre Eingaben bleiben erhalten; versuchen Sie es erneut, wenn Sie wieder online sind.',
  unreachable:
    'Der Server ist nicht erreichbar. Ihre Eingaben bleiben erhalten; prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  failed: 'Bei uns ist etwas schiefgelaufen. Versuchen Sie es gleich noch einmal.',
  rateLimited: {
    one: 'Zu viele Anfragen. Versuchen Sie es in {count} Sekunde erneut.',
    other: 'Zu viele Anfragen. Versuchen Sie es in {count} Sekunden erneut.',
  },
  requestId: 'Referenz: {requestId}',
  fixFields: { one: 'Prüfen Sie das markierte Feld.', other: 'Prüfen Sie die {count} markierten Felder.' },
};
