// Types for scripts/assets.mjs, which the tests import.
export declare const ASSETS: string[];
