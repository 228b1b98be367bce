import type { Messages } from '../../i18n/messages';

export const forms: Messages['forms'] = {
  loading: 'Wird geladen…',
  close: 'Schließen',
  save: 'Speichern',
  saving: 'Wird gespeichert…',
  saved: 'Gespeichert.',
  copy: 'Kopieren',
  copyWhat: '{label} kopieren',
  copied: 'In die Zwischenablage kopiert.',
  copyFailed: 'Kopieren nicht möglich. Markieren Sie den Text und kopieren Sie ihn selbst.',
  required: 'Pflichtfeld.',
  invalidFormat: 'Nicht im erwarteten Format.',
  tooShort: 'Zu kurz.',
  tooLong: 'Zu lang.',
};
