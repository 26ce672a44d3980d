/* Test-only: stylesheets imported as text (`import css from '…/theme.css' with { loader: 'text' }`). */
declare module '*.css' {
  const text: string;
  export default text;
}
