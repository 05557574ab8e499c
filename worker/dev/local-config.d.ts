export declare const root: string;
/** git-ignored: the embedded database and the generated local secrets live here */
export declare const dataDir: string;
export interface LocalSecrets {
    ADMIN_TOKEN: string;
    SESSION_SECRET: string;
    LINK_SECRET: string;
}
/**
 * Secrets for local runs: each from the environment when set there, else generated once and kept
 * in .data/secrets.json. `fromEnvironment` names the ones the environment gave (never printed).
 */
export declare function localSecrets(): {
    secrets: LocalSecrets;
    fromEnvironment: Set<string>;
};
