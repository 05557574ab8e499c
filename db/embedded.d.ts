export interface EmbeddedPostgres {
    url: string;
    stop(): Promise<void>;
}
/**
 * PGlite served over the Postgres wire protocol on 127.0.0.1, so the worker in workerd reaches it
 * exactly as it reaches a real server. One PGlite session serves every connection: queries are
 * queued, and a connection inside a transaction holds the queue until it commits.
 */
export declare function startEmbeddedPostgres(options?: {
    dataDir?: string;
    port?: number;
}): Promise<EmbeddedPostgres>;
