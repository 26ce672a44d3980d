/*
 * withServerRendering({ transferSession: true }) in the browser: the session the server rendered the page with is the
 * first answer (no whoami), taken once; a refresh() (after a sign-in, say) asks Kratos even when nothing took it yet.
 */
import { makeStateKey, TransferState } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { identity, KratosTestingController, provideKratosTesting, session } from 'ngx-kratos/testing';
import { withServerRendering } from '../provide/features';
import { KratosSessionState } from './kratos-session-state';

describe('the session the server rendered the page with (transferSession)', () => {
  let kratos: KratosTestingController;
  const rendered = session({ authenticator_assurance_level: 'aal1' });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideKratosTesting({}, withServerRendering({ transferSession: true })), provideRouter([])],
    });
    TestBed.inject(TransferState).set(makeStateKey<unknown>('ngx-kratos:session'), rendered);
    kratos = TestBed.inject(KratosTestingController);
  });
  afterEach(() => kratos.verify());

  it('is the first answer, without a whoami, and is taken once', () => {
    const state = TestBed.inject(KratosSessionState);
    state.ensure();
    expect(state.session()).toEqual(rendered);
    expect(TestBed.inject(TransferState).hasKey(makeStateKey<unknown>('ngx-kratos:session'))).toBeFalse();
  });

  it('refresh() asks Kratos even when nothing has taken it yet (it may be older than a sign-in)', async () => {
    const state = TestBed.inject(KratosSessionState);
    const answer = state.refresh();
    const stepped = session({ authenticator_assurance_level: 'aal2', identity: identity() });
    kratos.expectWhoami().flush(stepped);
    expect(await answer).toEqual(stepped);
    expect(state.session()?.authenticator_assurance_level).toBe('aal2');
  });
});
