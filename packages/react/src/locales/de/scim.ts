import type { Messages } from '../../i18n/messages';

export const scim: Messages['scim'] = {
  title: 'SCIM-Bereitstellung',
  description:
    'Ihr Identitätsanbieter legt die Mitglieder dieses Workspace per SCIM an, aktualisiert und deaktiviert sie.',
  empty: 'Es ist noch kein Identitätsanbieter verbunden.',
  connect: 'SCIM-Anbieter verbinden',
  connectAnother: 'Weiteren Anbieter verbinden',
  disconnected: '{name} ist getrennt; die bereitgestellten Benutzer bleiben erhalten.',

  pickTitle: 'Identitätsanbieter auswählen',
  pickLegend: 'Identitätsanbieter',
  pickRequired: 'Wählen Sie einen Anbieter aus.',
  noProviders: 'Keiner der hier angebotenen Anbieter unterstützt SCIM.',
  continue: 'Weiter',
  back: 'Zurück',
  configureTitle: 'Verbindung zu {provider} einrichten',
  name: 'Name der Verbindung',
  nameHint: 'Nur hier sichtbar, um Verbindungen zu unterscheiden.',
  deprovisionLegend: 'Wenn {provider} eine Person entfernt',
  suspend: 'Konto sperren',
  suspendHint:
    'Die Person kann sich nicht mehr anmelden; Konto und Inhalte bleiben erhalten und lassen sich wiederherstellen.',
  delete: 'Konto löschen',
  deleteHint: 'Das Konto wird endgültig entfernt.',
  create: 'Verbindung erstellen',

  credentialsTitle: '{provider} verbinden',
  baseUrl: 'SCIM-Basis-URL',
  token: 'Bearer-Token',
  tokenOnce:
    'Kopieren Sie das Token jetzt: Es wird nur dieses eine Mal angezeigt. Wenn Sie es verlieren, erneuern Sie das Token.',
  guideTitle: 'In {provider}',
  pasteBaseUrl: 'SCIM-Basis-URL einfügen',
  pasteToken: 'Bearer-Token einfügen',
  notes: 'Gut zu wissen',
  docs: 'Dokumentation von {provider} (öffnet sich in einem neuen Tab)',
  verifyTitle: 'Prüfen, ob Benutzer ankommen',
  waiting: 'Warten auf die erste Anfrage von {provider}…',
  connected: '{provider} ist verbunden: {users} und {groups} bereitgestellt.',
  users: { one: '{count} Benutzer', other: '{count} Benutzer' },
  groups: { one: '{count} Gruppe', other: '{count} Gruppen' },
  preview: 'Die ersten bereitgestellten Benutzer',
  done: 'Fertig',
  working: 'Bitte warten…',

  pending: 'Wartet auf erste Anfrage',
  active: 'Aktiv',
  provider: 'Anbieter',
  lastActivity: 'Letzte Aktivität',
  never: 'Noch keine Anfragen',
  usersProvisioned: 'Bereitgestellte Benutzer',
  groupsProvisioned: 'Bereitgestellte Gruppen',
  currentToken: 'Token',
  tokenEnding: 'endet auf {hint}',
  recentErrors: 'Letzte Fehler',
  rotate: 'Token erneuern',
  disconnect: 'Trennen',
  disconnectTitle: '{name} trennen?',
  disconnectBody:
    '{provider} synchronisiert danach nicht mehr: Das Token funktioniert sofort nicht mehr. Die {users}, die bereitgestellt wurden, bleiben erhalten.',

  rotationTitle: 'Token-Erneuerung',
  newToken: 'Neues Bearer-Token',
  rotationHowTo:
    'Ersetzen Sie in {provider} das bei der Einrichtung eingefügte Token durch dieses. Beide funktionieren, bis Sie das alte stilllegen.',
  rotationNoToken:
    'Ein neues Token mit der Endung {hint} wurde {when} ausgestellt. Wenn Sie es nicht mehr haben, brechen Sie die Erneuerung ab und starten Sie eine neue.',
  oldInUse: '{provider} verwendet noch das alte Token.',
  newInUse: '{provider} verwendet jetzt das neue Token.',
  retire: 'Altes Token stilllegen',
  retireAnyway: 'Trotzdem stilllegen',
  newTokenUnused:
    '{provider} hat das neue Token noch nicht verwendet. Wenn Sie das alte jetzt stilllegen, ist {provider} ausgesperrt, bis es das neue verwendet.',
  cancelRotation: 'Erneuerung abbrechen',
  retired: 'Das alte Token ist stillgelegt; {provider} verwendet das neue.',
  rotationCancelled:
    'Erneuerung abgebrochen: Das neue Token funktioniert nicht mehr, das alte bleibt gültig.',
};
