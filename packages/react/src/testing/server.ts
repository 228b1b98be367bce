import { setupServer } from 'msw/node';

/** The one MSW server of a test file; `renderKit` adds a fresh mock workspace's handlers for each test. */
export const server = setupServer();
