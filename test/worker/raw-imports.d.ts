// Vite hands a file's text to `import text from './file?raw'` (the round-trip test reads its table so).
declare module '*?raw' {
  const text: string;
  export default text;
}
