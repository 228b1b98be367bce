// Fakes of the directory providers' APIs on 127.0.0.1, for tests (the server's and hosts' own) and the
// playground: real paging, auth, error bodies and throttling, over an in-memory directory.
export { type EntraFake, type EntraFakeOptions, startEntraFake } from './entra-fake';
export { type GoogleFake, type GoogleFakeOptions, startGoogleFake } from './google-fake';
export {
  JUMPCLOUD_FAKE_API_KEY,
  type JumpCloudFake,
  type JumpCloudFakeOptions,
  start as startJumpCloudFake,
} from './jumpcloud-fake';
export {
  OKTA_FAKE_API_TOKEN,
  type OktaFake,
  type OktaFakeOptions,
  start as startOktaFake,
} from './okta-fake';
