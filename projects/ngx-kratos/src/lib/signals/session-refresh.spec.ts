/*
 * The session signals follow a settings save made by any caller of SettingsFlowService (the <kratos-settings>
 * component, an app's own page), not only by injectKratosFlow(): a `success` asks `whoami` again, an `invalid` not.
 */
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  identity,
  KratosTestingController,
  provideKratosTesting,
  session,
  settingsFlow,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
} from 'ngx-kratos/testing';
import { SettingsFlowService } from '../settings/settings-flow.service';
import { injectKratosSession } from './inject-kratos-session';

describe('the session signals after a settings save', () => {
  let kratos: KratosTestingController;
  const body = { method: 'profile' as const, traits: { email: 'ada@example.com' }, csrf_token: TESTING_CSRF_TOKEN };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideKratosTesting(), provideRouter([])] });
    kratos = TestBed.inject(KratosTestingController);
  });
  afterEach(() => kratos.verify());

  const signedIn = () => {
    const auth = runInInjectionContext(TestBed.inject(EnvironmentInjector), () => injectKratosSession());
    kratos.expectWhoami().flush(session());
    return auth;
  };

  it('a success through SettingsFlowService asks whoami again, and the signals show the new identity', () => {
    const auth = signedIn();
    TestBed.inject(SettingsFlowService).updateFlow(TESTING_FLOW_ID, body).subscribe();
    kratos.expectUpdate('settings', TESTING_FLOW_ID).flush(settingsFlow({ state: 'success' }));

    const renamed = session({ identity: identity({ traits: { email: 'ada@lovelace.example' } }) });
    kratos.expectWhoami().flush(renamed);
    expect(auth.identity()?.traits['email']).toBe('ada@lovelace.example');
  });

  it('a success made with a session token of its own (another session than the app’s) asks nothing', () => {
    signedIn();
    const kinds: string[] = [];
    TestBed.inject(SettingsFlowService)
      .updateFlow(TESTING_FLOW_ID, body, { sessionToken: 'ory_st_of_someone_else' })
      .subscribe((result) => kinds.push(result.kind));
    kratos.expectUpdate('settings', TESTING_FLOW_ID).flush(settingsFlow({ state: 'success' }));
    expect(kinds).toEqual(['success']); // and verify() in afterEach: no second whoami
  });

  it('an invalid answer asks nothing', () => {
    const auth = signedIn();
    const kinds: string[] = [];
    TestBed.inject(SettingsFlowService)
      .updateFlow(TESTING_FLOW_ID, body)
      .subscribe((result) => kinds.push(result.kind));
    kratos.expectUpdate('settings', TESTING_FLOW_ID).flushInvalid(settingsFlow());
    expect(kinds).toEqual(['invalid']);
    expect(auth.loading()).toBeFalse(); // and verify() in afterEach: no second whoami
  });
});
