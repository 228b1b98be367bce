import type { Messages } from '../../i18n/messages';

export const session: Messages['session'] = {
  title: 'Sitzungsdauer',
  description: 'Wie lange Personen angemeldet bleiben, bevor sie sich erneut anmelden müssen.',
  current: 'Personen bleiben {duration} angemeldet.',
  length: 'Sitzungsdauer',
  custom: 'Eigene Dauer',
  amount: 'Dauer',
  unit: 'Einheit',
  minute: 'Minuten',
  hour: 'Stunden',
  day: 'Tage',
  bounds: 'Zwischen {min} und {max}.',
  outOfRange: 'Wählen Sie eine Dauer zwischen {min} und {max}.',
  wholeNumber: 'Geben Sie eine ganze Zahl ein.',
  appliesToAll: 'Eine neue Dauer gilt auch für bereits offene Sitzungen.',
  appliesToNew: 'Eine neue Dauer gilt für neue Sitzungen; offene Sitzungen behalten ihre Dauer.',
  save: 'Sitzungsdauer speichern',
  saved: 'Gespeichert. Personen bleiben jetzt {duration} angemeldet.',
};
