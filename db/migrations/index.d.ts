import type { Migration } from 'kysely/migration';
/** Every migration, by name; the names sort in the order they run. */
export declare const migrations: Record<string, Migration>;
