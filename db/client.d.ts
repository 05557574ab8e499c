import { Kysely } from 'kysely';
import type { Database } from './schema';
export type Db = Kysely<Database>;
export interface DbOptions {
    /** pool size; inside a Worker one request gets one client, so one connection is plenty */
    max?: number;
    connectTimeoutSeconds?: number;
}
/**
 * A Kysely client over postgres.js. In a Worker, make one per request and end it with
 * `ctx.waitUntil(db.destroy())`: a client kept across requests fails with "Cannot perform I/O on
 * behalf of a different request".
 */
export declare function createDb(connectionString: string, options?: DbOptions): Db;
