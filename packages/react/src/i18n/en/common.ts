/** Strings every component shares: actions and what went wrong. */
export const commonMessages = {
  retry: 'Try again',
  cancel: 'Cancel',
  forbidden: 'Only admins and owners of this workspace can manage identity settings.',
  signedOut: 'Your session has ended. Sign in again to continue.',
  offline: 'You are offline. What you entered is kept; try again when you are back online.',
  unreachable: 'Could not reach the server. What you entered is kept; check your connection and try again.',
  failed: 'Something went wrong on our side. Try again in a moment.',
  rateLimited: {
    one: 'Too many requests. Try again in {count} second.',
    other: 'Too many requests. Try again in {count} seconds.',
  },
  requestId: 'Reference: {requestId}',
  fixFields: { one: 'Check the highlighted field.', other: 'Check the {count} highlighted fields.' },
};
