export type { ConnectScimProviderProps } from '../components/connect-scim-provider/ConnectScimProvider';
export { ConnectScimProvider } from '../components/connect-scim-provider/ConnectScimProvider';
