import { OPEN_REDIRECT_PAYLOADS } from '../../testing/open-redirect-payloads';
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
    for (const payload of OPEN_REDIRECT_PAYLOADS) {
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
