import { type BuildOptions } from 'esbuild';
/** how every widget bundle is built (the bench builds a bare Preact app the same way) */
export declare const widgetBuildOptions: BuildOptions;
export interface WidgetBuild {
    loader: string;
    app: string;
    /** the source files each bundle was built from, as esbuild's metafile lists them */
    inputs: Record<string, string[]>;
}
/**
 * Builds the loader (`widget.js`, the one URL agencies embed) and the app bundle it loads
 * (`widget-app.<hash>.js`, so a new release is never mixed with a cached old one) into outDir.
 * The metafile goes beside outDir, not into it: it is for the size test, not for the public.
 */
export declare function buildWidget(outDir: string): Promise<WidgetBuild>;
