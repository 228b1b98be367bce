export type { ForceReauthButtonProps } from '../components/force-reauth-button/ForceReauthButton';
export { ForceReauthButton } from '../components/force-reauth-button/ForceReauthButton';
