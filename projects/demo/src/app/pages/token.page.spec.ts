/*
 * The session-token page with the providers of its route (app.routes.ts): its own HttpClient with the session-token
 * interceptor and a Kratos client in session-token mode, here on Angular's testing backend through
 * provideKratosTestingBackend(). (The route itself cannot be used as it is: its provideHttpClient(withFetch()) is a backend of
 * its own, which the testing backend of the TestBed's root does not replace.)
 */
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { kratosSessionTokenInterceptor, provideKratos, withSessionToken } from 'ngx-kratos';
import {
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  loginFlow,
  message,
  provideKratosTestingBackend,
  settingsFlow,
  TESTING_FLOW_ID,
} from 'ngx-kratos/testing';
import { DemoConfig } from '../demo-config';
import { DEMO_CONFIG, TokenPage, TokenStore } from './token.page';

const RECORDER_URL = 'http://127.0.0.1:4999/record';

describe('TokenPage', () => {
  let fixture: ComponentFixture<TokenPage>;
  let kratos: KratosTestingController;

  const page = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => page().querySelector(`[data-testid=${id}]`)?.textContent?.trim();
  const button = (name: string) =>
    [...page().querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name)!;
  const fill = (selector: string, value: string) => {
    page().querySelector<HTMLInputElement>(selector)!.value = value;
  };

  beforeEach(async () => {
    // withSessionToken() in a browser says at startup that it cannot submit api flows: known here.
    spyOn(console, 'warn');
    const config: DemoConfig = { kratosUrl: KRATOS_TESTING_BASE_URL, recorderUrl: RECORDER_URL };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        TokenStore,
        { provide: DEMO_CONFIG, useValue: config },
        provideHttpClient(withInterceptors([kratosSessionTokenInterceptor])),
        provideKratos(
          { baseUrl: KRATOS_TESTING_BASE_URL },
          withSessionToken({ token: () => inject(TokenStore).token() }),
        ),
        // Last: a provideHttpClient() after it would replace the testing backend.
        provideKratosTestingBackend(),
      ],
    });
    kratos = TestBed.inject(KratosTestingController);
    fixture = TestBed.createComponent(TokenPage);
    await fixture.whenStable();
  });

  afterEach(() => kratos.verify());

  async function useToken(token: string): Promise<void> {
    fill('#token-value', token);
    button('Use this token').click();
    await fixture.whenStable();
  }

  it('reads the native settings flow with the token, sent to Kratos without cookies', async () => {
    await useToken('ory_st_ada');
    expect(byTestId('token-state')).toBe('You have a session token.');
    button('Load settings (native flow)').click();
    const create = kratos.expectCreate('settings', { native: true });
    expect(create.request.request.headers.get('X-Session-Token')).toBe('ory_st_ada');
    expect(create.request.request.withCredentials).toBeFalse();
    create.flush(settingsFlow({ type: 'api' }));
    await fixture.whenStable();
    expect(byTestId('token-flow')).toBe('api flow for ada@127.0.0.1');
  });

  it('never sends the token to another service', async () => {
    await useToken('ory_st_ada');
    button('Call another service').click();
    const other = TestBed.inject(HttpTestingController).expectOne(RECORDER_URL);
    expect(other.request.headers.has('X-Session-Token')).toBeFalse();
    other.flush('ok');
    await fixture.whenStable();
    expect(byTestId('token-other')).toBe('The other service answered.');
  });

  it("shows Kratos's refusal of an api login submitted from a browser", async () => {
    fill('#token-email', 'ada@127.0.0.1');
    fill('#token-password', 'correct horse battery staple');
    button('Get a session token').click();
    kratos.expectCreate('login', { native: true }).flush(loginFlow({ type: 'api' }));
    const update = kratos.expectUpdate('login', TESTING_FLOW_ID, { native: true });
    expect(update.request.request.body).toEqual({
      method: 'password',
      identifier: 'ada@127.0.0.1',
      password: 'correct horse battery staple',
    });
    // Kratos refuses it with the flow and message 4000001, because the browser sends Origin (docs/kratos-protocol.md §1.2).
    const refused = loginFlow({ type: 'api' });
    refused.ui.messages = [
      message(
        4000001,
        'The HTTP Request Header included the "Origin" key, indicating that this request was made as part of an AJAX request in a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.',
        'error',
      ),
    ];
    update.flushInvalid(refused);
    await fixture.whenStable();
    expect(byTestId('token-error')).toMatch(/^Sign-in refused: bad_request: .*\(Kratos: .*included the "Origin" key/);
    expect(byTestId('token-state')).toBeUndefined();
  });
});
