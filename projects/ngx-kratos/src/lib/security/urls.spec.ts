import { isUnderBase, parseHttpUrl, parseOrigin, safeRedirectTarget } from './urls';

describe('URL checks', () => {
  describe('isUnderBase', () => {
    const under = (url: string, base: string, doc = 'http://127.0.0.1:4200/app/') =>
      isUnderBase(parseHttpUrl(url, doc)!, parseHttpUrl(base, doc)!);

    it('covers the base path and below, not siblings or escapes', () => {
      expect(under('/.ory', '/.ory')).toBeTrue();
      expect(under('/.ory/sessions/whoami', '/.ory')).toBeTrue();
      expect(under('/.ory/', '/.ory/')).toBeTrue();
      expect(under('/.orybad/x', '/.ory')).toBeFalse();
      expect(under('/.ory/../api', '/.ory')).toBeFalse();
      expect(under('/.ory/%2e%2e/api', '/.ory')).toBeFalse();
      expect(under('/api', '/.ory')).toBeFalse();
    });

    it('a root base covers its whole origin', () => {
      expect(under('http://127.0.0.1:4433/anything', 'http://127.0.0.1:4433')).toBeTrue();
      expect(under('http://127.0.0.1:4434/anything', 'http://127.0.0.1:4433')).toBeFalse();
    });
  });

  describe('parseOrigin', () => {
    it('normalises origins and refuses everything else', () => {
      expect(parseOrigin('HTTPS://App.Example.com:443')).toBe('https://app.example.com');
      expect(parseOrigin('http://127.0.0.1:4200/')).toBe('http://127.0.0.1:4200');
      for (const bad of [
        '*',
        '/app',
        'https://a.example.com/path',
        'https://u@a.example.com',
        'ftp://a.example.com',
        'a.example.com',
      ]) {
        expect(parseOrigin(bad)).withContext(bad).toBeUndefined();
      }
    });
  });

  describe('safeRedirectTarget: open-redirect payloads never pass', () => {
    const app = 'http://127.0.0.1:4200';
    const allowed = new Set([app, 'http://127.0.0.1:4433']);
    const payloads = [
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
    for (const payload of payloads) {
      it(`refuses ${JSON.stringify(payload)}`, () => {
        expect(safeRedirectTarget(payload, `${app}/settings`, allowed)).toBeUndefined();
      });
    }

    it('accepts relative paths of the app and absolute URLs of allowed origins', () => {
      expect(safeRedirectTarget('/dashboard?tab=1', `${app}/settings`, allowed)?.href).toBe(`${app}/dashboard?tab=1`);
      expect(safeRedirectTarget('HTTP://127.0.0.1:4433/self-service/login/browser', app, allowed)?.origin).toBe(
        'http://127.0.0.1:4433',
      );
    });
  });
});
