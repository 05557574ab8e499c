import { Log, LogLevel, Miniflare, type WorkerOptions } from 'miniflare';
/** a top-level or [vars] string setting of wrangler.toml */
export declare function wranglerSetting(name: string): string;
/**
 * Miniflare's log with candidate link tokens cut out of request lines (`GET /c/<token> 200`):
 * a token opens a candidate's page, so none is written to a log.
 */
export declare class RedactingLog extends Log {
    logWithLevel(level: LogLevel, message: string): void;
}
export declare function redactLinkTokens(text: string): string;
/** `limit` a minute for every rate limiter of wrangler.toml. */
export declare function everyRateLimit(limit: number): Record<string, number>;
export interface LocalWorkerOptions {
    /** plain-text bindings: DATABASE_URL, ADMIN_TOKEN, SESSION_SECRET, … */
    bindings: Record<string, string>;
    /** listen on this port of 127.0.0.1 (0: any free port) */
    port?: number;
    verbose?: boolean;
    /** limits per minute by rate limiter, instead of wrangler.toml's (tests that send a lot) */
    rateLimits?: Record<string, number>;
    /** more workers in the same workerd, reached with `mf.getWorker(name)` (benchmarks) */
    companions?: (WorkerOptions & {
        name: string;
    })[];
}
/**
 * The built worker (dist/worker, made by `npm run build` the same way `wrangler deploy` bundles
 * it) running in workerd through Miniflare, with the widget files as static assets. `npm start`
 * and the tests both run the product this way.
 */
export declare function startLocalWorker(options: LocalWorkerOptions): Promise<{
    mf: Miniflare;
    url: URL;
}>;
