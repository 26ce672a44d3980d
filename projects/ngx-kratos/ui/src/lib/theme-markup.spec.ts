/*
 * The markup the default theme (ngx-kratos/ui/theme.css) styles, which is also the unstyled mode's: the app's logo
 * slot (`[kratosLogo]`) of the card flows, the "or" divider between a login's or a registration's ways in, provider
 * buttons named after their provider (`kratos-button--provider`, `data-kratos-provider`), the code inputs
 * (`kratos-input--code`; a one-time code with the digit keyboard), destructive buttons; with axe-core at zero
 * violations where it applies.
 */
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LoginFlow, provideKratos, RegistrationFlow, UiNode, withFlowPages } from 'ngx-kratos';
import {
  aal2Flow,
  axeViolations,
  input,
  KRATOS,
  loginFlow,
  refreshFlow,
  registrationFlow,
  text,
} from '../testing/flow-fixtures';
import { KratosFlowError } from './kratos-flow-error.component';
import { KratosLogin } from './kratos-login.component';
import { KratosNode } from './kratos-node.component';
import { KratosRegistration } from './kratos-registration.component';
import { provideKratosTexts } from './texts';

@Component({ template: '' })
class Blank {}

@Component({
  imports: [KratosLogin],
  template: `
    <main>
      @if (logo()) {
        <kratos-login [flow]="flow()">
          <a kratosLogo href="/"><img src="data:," alt="" width="32" height="32" />Acme</a>
        </kratos-login>
      } @else {
        <kratos-login [flow]="flow()" />
      }
    </main>
  `,
})
class LoginHost {
  readonly flow = signal<LoginFlow>(loginFlow());
  readonly logo = signal(false);
}

@Component({
  imports: [KratosRegistration, KratosFlowError],
  template: `
    <main>
      <kratos-registration [flow]="flow()"><span kratosLogo>Acme</span></kratos-registration>
      <kratos-flow-error [error]="undefined"><span kratosLogo>Acme</span></kratos-flow-error>
    </main>
  `,
})
class RegistrationHost {
  readonly flow = signal<RegistrationFlow>(registrationFlow());
}

@Component({
  imports: [KratosNode],
  template: `<kratos-node [node]="node()" inputId="node-under-test" />`,
})
class NodeHost {
  readonly node = signal<UiNode>(input('default', 'csrf_token', 'hidden'));
}

function configure(providers: unknown[] = []): void {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(['', 'login', 'registration', 'recovery'].map((path) => ({ path, component: Blank }))),
      provideKratos(
        { baseUrl: KRATOS },
        withFlowPages({ login: '/login', registration: '/registration', recovery: '/recovery', home: '/' }),
      ),
      ...(providers as never[]),
    ],
  });
}

function render<T>(host: Type<T>, set?: (component: T) => void): ComponentFixture<T> {
  const fixture = TestBed.createComponent(host);
  set?.(fixture.componentInstance);
  fixture.detectChanges();
  return fixture;
}

/** The children of a flow's root element, as `tag.class` (`h1.kratos-flow__title`), skipping comments. */
const layout = (root: Element) =>
  [...root.children].map((child) => `${child.tagName.toLowerCase()}${child.className ? '.' + child.className : ''}`);

describe('the markup the theme styles', () => {
  describe('the logo slot ([kratosLogo])', () => {
    it('puts the app’s logo and name first in the card, before the heading', async () => {
      configure();
      const fixture = render(LoginHost, (host) => host.logo.set(true));
      const flow = (fixture.nativeElement as HTMLElement).querySelector('.kratos-login')!;
      const logo = flow.firstElementChild as HTMLElement;
      expect(logo.tagName).toBe('A');
      expect(logo.hasAttribute('kratosLogo')).toBeTrue();
      expect(logo.textContent!.trim()).toBe('Acme');
      expect(logo.nextElementSibling!.tagName).toBe('H1');
      expect(await axeViolations(fixture.nativeElement)).toEqual([]);
    });

    it('adds nothing when the app projects no logo: the heading stays the first element', () => {
      configure();
      const fixture = render(LoginHost);
      const flow = (fixture.nativeElement as HTMLElement).querySelector('.kratos-login')!;
      expect(flow.firstElementChild!.tagName).toBe('H1');
    });

    it('is there in the registration card and the error page too', () => {
      configure();
      const fixture = render(RegistrationHost);
      const root = fixture.nativeElement as HTMLElement;
      for (const selector of ['.kratos-registration', '.kratos-flow-error']) {
        const first = root.querySelector(selector)!.firstElementChild!;
        expect(first.hasAttribute('kratosLogo')).withContext(selector).toBeTrue();
        expect(first.nextElementSibling!.tagName).withContext(selector).toBe('H1');
      }
    });
  });

  describe('the "or" divider', () => {
    it('stands between the login’s ways in (the password’s form, the passkey, the providers), not before the first', async () => {
      configure();
      const fixture = render(LoginHost);
      const flow = (fixture.nativeElement as HTMLElement).querySelector('.kratos-login')!;
      const dividers = [...flow.querySelectorAll('.kratos-divider')];
      expect(dividers.length).toBe(2);
      expect(dividers.map((divider) => divider.textContent!.trim())).toEqual(['or', 'or']);
      // Each divider sits between two sections: the section before it and the section after it.
      for (const divider of dividers) {
        expect(divider.previousElementSibling?.matches('kratos-flow-section')).toBeTrue();
        expect(divider.nextElementSibling?.matches('kratos-flow-section')).toBeTrue();
      }
      expect(layout(flow)).toEqual([
        'h1.kratos-flow__title',
        'kratos-messages',
        'kratos-flow-section',
        'div.kratos-divider',
        'kratos-flow-section',
        'div.kratos-divider',
        'kratos-flow-section',
        'ul.kratos-links',
      ]);
      expect(await axeViolations(fixture.nativeElement)).toEqual([]);
    });

    it('stands between the second factors too, and not at all with one way in (a refresh with the password)', () => {
      configure();
      const second = render(LoginHost, (host) => host.flow.set(aal2Flow()));
      expect((second.nativeElement as HTMLElement).querySelectorAll('.kratos-divider').length).toBe(2);
      const refresh = render(LoginHost, (host) => host.flow.set(refreshFlow()));
      expect((refresh.nativeElement as HTMLElement).querySelectorAll('.kratos-divider').length).toBe(0);
    });

    it('stands between the registration’s form and the providers', () => {
      configure();
      const fixture = render(RegistrationHost);
      const dividers = (fixture.nativeElement as HTMLElement).querySelectorAll('.kratos-registration .kratos-divider');
      expect(dividers.length).toBe(1);
    });

    it('is translated with the components’ own words (`labels.or`)', () => {
      configure([provideKratosTexts({}, { labels: { or: 'oder' } })]);
      const fixture = render(LoginHost);
      const divider = (fixture.nativeElement as HTMLElement).querySelector('.kratos-divider')!;
      expect(divider.textContent!.trim()).toBe('oder');
    });
  });

  describe('nodes', () => {
    function node(value: UiNode): HTMLElement {
      configure();
      return render(NodeHost, (host) => host.node.set(value)).nativeElement as HTMLElement;
    }

    it('a provider’s sign-in button is named after the provider, and says which provider it is', () => {
      const root = node(
        input(
          'oidc',
          'provider',
          'submit',
          { value: 'github' },
          text(1010002, 'Sign in with GitHub', 'info', { provider: 'GitHub', provider_id: 'github' }),
        ),
      );
      const button = root.querySelector('button')!;
      expect(button.textContent!.trim()).toBe('Sign in with GitHub');
      expect(button.classList).toContain('kratos-button--provider');
      expect(button.getAttribute('data-kratos-provider')).toBe('github');
      expect(button.classList).not.toContain('kratos-button--danger');
    });

    it('linking a provider in settings is a provider’s button; unlinking one is destructive as well', () => {
      const link = node(
        input(
          'oidc',
          'link',
          'submit',
          { value: 'google' },
          text(1050002, 'Link google', 'info', { provider: 'google' }),
        ),
      ).querySelector('button')!;
      expect(link.classList).toContain('kratos-button--provider');
      expect(link.getAttribute('data-kratos-provider')).toBe('google');
      TestBed.resetTestingModule();
      const unlink = node(
        input(
          'oidc',
          'unlink',
          'submit',
          { value: 'github' },
          text(1050003, 'Unlink github', 'info', { provider: 'github' }),
        ),
      ).querySelector('button')!;
      expect(unlink.classList).toContain('kratos-button--provider');
      expect(unlink.classList).toContain('kratos-button--danger');
      expect(unlink.getAttribute('data-kratos-provider')).toBe('github');
    });

    it('other buttons carry no provider', () => {
      const button = node(
        input('password', 'method', 'submit', { value: 'password' }, text(1010022, 'Sign in with password')),
      ).querySelector('button')!;
      expect(button.classList).not.toContain('kratos-button--provider');
      expect(button.hasAttribute('data-kratos-provider')).toBeFalse();
    });

    it('an authenticator app’s code (totp_code) is a one-time code: the digit keyboard, the code style', () => {
      const field = node(
        input('totp', 'totp_code', 'text', { required: true }, text(1070006, 'Verify code')),
      ).querySelector('input')!;
      expect(field.getAttribute('autocomplete')).toBe('one-time-code');
      expect(field.getAttribute('inputmode')).toBe('numeric');
      expect(field.classList).toContain('kratos-input--code');
      expect(field.getAttribute('spellcheck')).toBe('false');
      expect(field.getAttribute('autocapitalize')).toBe('none');
    });

    it('a mail’s code (code) is a one-time code with the code style', () => {
      const field = node(input('code', 'code', 'text', { required: true }, text(1070013, 'Login code'))).querySelector(
        'input',
      )!;
      expect(field.getAttribute('autocomplete')).toBe('one-time-code');
      expect(field.getAttribute('inputmode')).toBe('numeric');
      expect(field.classList).toContain('kratos-input--code');
    });

    it('a recovery code (lookup_secret) has the code style, but letters too: no digit keyboard', () => {
      const field = node(
        input('lookup_secret', 'lookup_secret', 'text', { required: true }, text(1010007, 'Backup recovery code')),
      ).querySelector('input')!;
      expect(field.classList).toContain('kratos-input--code');
      expect(field.hasAttribute('inputmode')).toBeFalse();
      expect(field.hasAttribute('autocomplete')).toBeFalse();
      expect(field.getAttribute('autocapitalize')).toBe('none');
    });

    it('other fields keep their plain style', () => {
      const field = node(
        input('password', 'password', 'password', { autocomplete: 'current-password' }, text(1070001, 'Password')),
      ).querySelector('input')!;
      expect(field.classList).not.toContain('kratos-input--code');
      expect(field.hasAttribute('spellcheck')).toBeFalse();
      expect(field.hasAttribute('inputmode')).toBeFalse();
    });
  });
});
