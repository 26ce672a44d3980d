/*
 * Open-redirect payloads that no `return_to` (or other redirect target) of the library may pass: protocol-relative
 * and backslash tricks, other schemes, look-alike hosts, credentials, percent-encoded slashes, whitespace and
 * controls that parsers strip, scheme-without-slashes forms, and the empty string. Relative to an app on
 * `http://127.0.0.1:4200` with Kratos on `http://127.0.0.1:4433` allowed. Test code only.
 */
export const OPEN_REDIRECT_PAYLOADS: readonly string[] = [
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'http://evil.example',
  'https://127.0.0.1:4200.evil.example/',
  'http://127.0.0.1:4200@evil.example/',
  'http://user:pass@127.0.0.1:4200/settings',
  '/%2F%2Fevil.example',
  '/%5cevil.example',
  ' //evil.example',
  '\t//evil.example',
  '\n/settings',
  '\u0000/settings',
  '/settings\r\nLocation: http://evil.example',
  'http:evil.example',
  'http:/evil.example',
  '',
];
