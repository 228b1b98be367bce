import type { Messages } from '../../i18n/messages';

export const reauth: Messages['reauth'] = {
  title: 'Alle abmelden',
  description:
    'Beenden Sie jede Sitzung in diesem Workspace, etwa nach einem Sicherheitsvorfall oder einer geänderten Richtlinie. Alle müssen sich erneut anmelden.',
  trigger: 'Alle abmelden…',
  lastDone: 'Zuletzt am {when} durch {who}.',
  dialogTitle: 'Alle von diesem Workspace abmelden?',
  people: {
    one: '{count} Person ist angemeldet; sie wird abgemeldet und muss sich erneut anmelden.',
    other: '{count} Personen sind angemeldet; sie werden abgemeldet und müssen sich erneut anmelden.',
  },
  everyone:
    'Alle, die in diesem Workspace angemeldet sind, werden abgemeldet und müssen sich erneut anmelden.',
  unaffected: 'SCIM-Tokens und Verzeichnisverbindungen funktionieren weiter.',
  signMeOut: 'Auch mich abmelden',
  youStay: 'Sie bleiben hier angemeldet.',
  youLeave: 'Sie werden ebenfalls abgemeldet.',
  confirm: 'Alle abmelden',
  pending: 'Alle werden abgemeldet…',
  done: {
    one: 'Erledigt: {count} Person wurde abgemeldet ({sessions} Sitzungen beendet).',
    other: 'Erledigt: {count} Personen wurden abgemeldet ({sessions} Sitzungen beendet).',
  },
  doneSelf: 'Sie wurden ebenfalls abgemeldet. Melden Sie sich erneut an, um fortzufahren.',
};
