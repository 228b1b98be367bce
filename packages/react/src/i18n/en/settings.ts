export const settingsMessages = {
  title: 'Identity',
  description: 'Provision users from your identity provider, and control how long people stay signed in.',
};
