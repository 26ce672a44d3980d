/*
 * injectKratosFlow(): the route's flow as signals, its status through a submit, a superseded submit aborted, a stale
 * answer dropped, errors handed to the navigator (and the promise rejected with them), nothing after destruction.
 */
import { HttpTestingController } from '@angular/common/http/testing';
import { createEnvironmentInjector, EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Data } from '@angular/router';
import { BehaviorSubject } from 'rxjs';
import {
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  loginFlow,
  session,
  settingsFlow,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { setUpKratos } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import { KratosError } from '../errors/kratos-error';
import { LoginFlowService } from '../login/login-flow.service';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { LOGIN_FLOW_POLICY, SIGNED_IN_FLOW_POLICY } from '../navigation/flow-policy';
import { SettingsFlowService } from '../settings/settings-flow.service';
import { UpdateSettingsFlowBody } from '../settings/update-settings-flow-body';
import { KratosSessionState } from './kratos-session-state';
import { injectKratosFlow, KratosFlowStatus } from './inject-kratos-flow';

const SUBMIT = `${KRATOS_TESTING_BASE_URL}/self-service/settings`;
const BODY: UpdateSettingsFlowBody = {
  method: 'password',
  password: 'correct horse battery',
  csrf_token: TESTING_CSRF_TOKEN,
};

describe('injectKratosFlow()', () => {
  let http: HttpTestingController;
  let kratos: KratosTestingController;
  let data: BehaviorSubject<Data>;
  let handle: jasmine.Spy;
  let injector: EnvironmentInjector;

  beforeEach(() => {
    data = new BehaviorSubject<Data>({});
    ({ http, kratos } = setUpKratos());
    handle = spyOn(TestBed.inject(KratosNavigator), 'handle').and.resolveTo(true);
    injector = createEnvironmentInjector(
      [{ provide: ActivatedRoute, useValue: { data } }],
      TestBed.inject(EnvironmentInjector),
    );
  });
  afterEach(() => http.verify());

  const settings = () => runInInjectionContext(injector, () => injectKratosFlow(SettingsFlowService));
  const expectSubmit = (id = TESTING_FLOW_ID) => kratos.expectUpdate('settings', id);

  it('status: loading until the route has a flow, then ready → submitting → ready, with the answer’s flow', async () => {
    const flow = settings();
    const statuses: KratosFlowStatus[] = [flow.status()];
    expect(flow.flow()).toBeUndefined();
    data.next({ flow: settingsFlow() });
    statuses.push(flow.status());
    expect(flow.flow()?.id).toBe(TESTING_FLOW_ID);

    const answer = flow.submit(BODY);
    statuses.push(flow.status());
    const req = expectSubmit();
    expect(req.request.request.url).toBe(SUBMIT);
    expect(req.request.request.params.get('flow')).toBe(TESTING_FLOW_ID);
    expect(req.request.request.body).toEqual(BODY);
    req.flushInvalid(fx.invalidFlow());
    const result = await answer;
    statuses.push(flow.status());

    expect(statuses).toEqual(['loading', 'ready', 'submitting', 'ready']);
    expect(result?.kind).toBe('invalid');
    expect(flow.result()).toBe(result);
    expect(flow.flow()).toEqual(fx.invalidFlow());
    expect(flow.error()).toBeUndefined();
  });

  it('status error: the error goes to KratosNavigator.handle, then the promise rejects with it', async () => {
    const flow = settings();
    data.next({ flow: settingsFlow() });
    const answer = flow.submit(BODY);
    expectSubmit().flushError('session_refresh_required');
    const error = await answer.then(
      () => fail('resolved'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KratosError);
    expect((error as KratosError).kind).toBe('session_refresh_required');
    expect(flow.status()).toBe('error');
    expect(flow.error()).toBe(error as KratosError);
    expect(handle).toHaveBeenCalledOnceWith(error, jasmine.any(String), SIGNED_IN_FLOW_POLICY);
    // The flow shown is kept; the next submit clears the error.
    expect(flow.flow()?.id).toBe(TESTING_FLOW_ID);
    void flow.submit(BODY);
    expect(flow.error()).toBeUndefined();
    expectSubmit().flush(fx.successFlow());
    http.match(`${KRATOS_TESTING_BASE_URL}/sessions/whoami`).forEach((req) => req.flush(session()));
  });

  it('a later submit supersedes an earlier one: its request is aborted, its promise resolves to undefined', async () => {
    const flow = settings();
    data.next({ flow: settingsFlow() });
    const first = flow.submit(BODY);
    const firstReq = expectSubmit();
    const second = flow.submit({ ...BODY, password: 'another one' });
    expect(firstReq.request.cancelled).toBeTrue();
    expect(await first).toBeUndefined();
    expectSubmit().flushInvalid(fx.invalidFlow());
    expect((await second)?.kind).toBe('invalid');
    expect(flow.status()).toBe('ready');
  });

  it('a newer flow from the route drops the answer under way (aborted, resolves to undefined)', async () => {
    const flow = settings();
    data.next({ flow: settingsFlow() });
    const answer = flow.submit(BODY);
    const req = expectSubmit();
    data.next({ flow: settingsFlow({ id: TESTING_NEW_FLOW_ID }) });
    expect(req.request.cancelled).toBeTrue();
    expect(await answer).toBeUndefined();
    expect(flow.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
    expect(flow.status()).toBe('ready');
    expect(flow.result()).toBeUndefined();
    // The next submit goes to the new flow.
    void flow.submit(BODY);
    expect(expectSubmit(TESTING_NEW_FLOW_ID).request.request.params.get('flow')).toBe(TESTING_NEW_FLOW_ID);
  });

  it('destroyed: the request under way is aborted, and a submit afterwards sends nothing', async () => {
    const flow = settings();
    data.next({ flow: settingsFlow() });
    const answer = flow.submit(BODY);
    const req = expectSubmit();
    injector.destroy();
    expect(req.request.cancelled).toBeTrue();
    expect(await answer).toBeUndefined();
    expect(await flow.submit(BODY)).toBeUndefined();
    http.expectNone(() => true);
    // Nor does it follow the route any more.
    data.next({ flow: settingsFlow({ id: TESTING_NEW_FLOW_ID }) });
    expect(flow.flow()?.id).toBe(TESTING_FLOW_ID);
  });

  it('without a flow yet: submit sends nothing', async () => {
    const flow = settings();
    expect(await flow.submit(BODY)).toBeUndefined();
    http.expectNone(() => true);
  });

  it('a settings success replaces the flow and asks for the session again', async () => {
    const refresh = spyOn(TestBed.inject(KratosSessionState), 'refresh').and.resolveTo(undefined);
    const flow = settings();
    data.next({ flow: settingsFlow() });
    const answer = flow.submit(BODY);
    expectSubmit().flush(fx.successFlow());
    expect((await answer)?.kind).toBe('success');
    expect(flow.flow()?.state).toBe('success');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('login: the kind comes from the service (its policy for errors; a success without a flow keeps the flow)', async () => {
    const flow = runInInjectionContext(injector, () => injectKratosFlow(LoginFlowService));
    data.next({ flow: loginFlow() });
    const answer = flow.submit({
      method: 'password',
      identifier: 'ada',
      password: 'x',
      csrf_token: TESTING_CSRF_TOKEN,
    });
    kratos.expectUpdate('login', TESTING_FLOW_ID).flush({ session: session(), continue_with: [] });
    const result = await answer;
    expect(result?.kind).toBe('success');
    expect(flow.flow()?.id).toBe(loginFlow().id);

    const failing = flow.submit({
      method: 'password',
      identifier: 'ada',
      password: 'x',
      csrf_token: TESTING_CSRF_TOKEN,
    });
    kratos.expectUpdate('login', TESTING_FLOW_ID).flushError('session_already_available');
    await expectAsync(failing).toBeRejectedWith(jasmine.any(KratosError));
    expect(handle).toHaveBeenCalledOnceWith(jasmine.any(KratosError), jasmine.any(String), LOGIN_FLOW_POLICY);
  });

  it('refuses what is not a flow service', () => {
    expect(() =>
      runInInjectionContext(injector, () => injectKratosFlow(KratosNavigator as unknown as typeof SettingsFlowService)),
    ).toThrowError(/flow service/);
  });
});
