import type { Db } from '../../db/client';
export interface DemoAgency {
    agencyId: string;
    secretKey: string;
    publishableKey: string;
}
/**
 * The demo agency, created once. Keys are stored only as hashes, so the plain keys are kept
 * beside the embedded data; if either is gone, a fresh demo agency is made.
 */
export declare function seedDemoAgency(db: Db, origins: string[]): Promise<DemoAgency>;
