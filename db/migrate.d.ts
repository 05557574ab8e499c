import { type Db } from './client';
export declare function migrateToLatest(db: Db): Promise<string[]>;
export declare function migrateDown(db: Db): Promise<string[]>;
