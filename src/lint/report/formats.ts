// The names of `kodo lint`'s output formats (apart from the formatters, so the CLI lists them without loading them).
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
