export type { IdentitySettingsProps } from '../components/identity-settings/IdentitySettings';
export { IdentitySettings } from '../components/identity-settings/IdentitySettings';
