// SQL template files are imported as text (esbuild's text loader; the vitest plugin in vitest.config.ts).
declare module '*.sql' {
  const text: string;
  export default text;
}
