// What the API says when it refuses a request before looking at it: who is asking, how large, what broke.
export const MESSAGES = {
  signedOut: 'You are signed out. Sign in again to manage identity settings.',
  sessionEnded:
    'Your session ended when everyone was signed out of this workspace. Sign in again to continue.',
  member:
    'Only workspace admins and owners can manage identity settings. Ask an admin or owner of this workspace for access.',
  otherWorkspace:
    'You are not an admin or owner of this workspace, so you cannot manage its identity settings. Ask an admin or owner of that workspace for access.',
  tooLarge:
    'This request is too large: its body can be at most 64 KB. Check that only the value was pasted into each field, not a whole file or page.',
  internal:
    'Something went wrong on our side. Try again; if it keeps happening, contact support with the request ID.',
  badGateway: 'A service behind identity settings did not answer. Try again in a moment.',
};
