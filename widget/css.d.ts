/** Vite's `?inline` CSS import: the minified stylesheet as a string, for the shadow root. */
declare module "*.css?inline" {
  const css: string;
  export default css;
}
