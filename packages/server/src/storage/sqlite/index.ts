export type { SqliteOptions } from './sqlite-database';
export type { SqliteStorage } from './sqlite-storage';
export { openSqliteStorage } from './sqlite-storage';
