export const reauthMessages = {
  title: 'Sign everyone out',
  description:
    'End every session in this workspace, for example after a security incident or a policy change. Everyone must sign in again.',
  trigger: 'Sign everyone out…',
  lastDone: 'Last done on {when} by {who}.',
  dialogTitle: 'Sign everyone out of this workspace?',
  people: {
    one: '{count} person is signed in; they will be signed out and must sign in again.',
    other: '{count} people are signed in; they will be signed out and must sign in again.',
  },
  everyone: 'Everyone signed in to this workspace will be signed out and must sign in again.',
  unaffected: 'SCIM tokens and directory connections keep working.',
  signMeOut: 'Sign me out too',
  youStay: 'You stay signed in here.',
  youLeave: 'You will be signed out too.',
  confirm: 'Sign everyone out',
  pending: 'Signing everyone out…',
  done: {
    one: 'Done: {count} person was signed out ({sessions} sessions ended).',
    other: 'Done: {count} people were signed out ({sessions} sessions ended).',
  },
  doneSelf: 'You were signed out too. Sign in again to continue.',
};
