/*
 * injectKratosFlow(): the route's flow as signals, its status through a submit, a superseded submit aborted, a stale
 * answer dropped, errors handed to the navigator (and the promise rejected with them), nothing after destruction.
 */
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { createEnvironmentInjector, EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Data } from '@angular/router';
import { BehaviorSubject } from 'rxjs';
import { kratosHeaders, setUpKratos } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import * as lx from '../../testing/login-fixtures';
import { KratosError } from '../errors/kratos-error';
import { LoginFlowService } from '../login/login-flow.service';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { LOGIN_FLOW_POLICY, SIGNED_IN_FLOW_POLICY } from '../navigation/flow-policy';
import { SettingsFlowService } from '../settings/settings-flow.service';
import { UpdateSettingsFlowBody } from '../settings/update-settings-flow-body';
import { KratosSessionState } from './kratos-session-state';
import { injectKratosFlow, KratosFlowStatus } from './inject-kratos-flow';

const SUBMIT = `${fx.KRATOS}/self-service/settings`;
const BODY: UpdateSettingsFlowBody = { method: 'password', password: 'correct horse battery', csrf_token: fx.CSRF };

function flush(req: TestRequest, status: number, body: object): void {
  req.flush(body, { status, statusText: String(status), headers: kratosHeaders(body) });
}

describe('injectKratosFlow()', () => {
  let http: HttpTestingController;
  let data: BehaviorSubject<Data>;
  let handle: jasmine.Spy;
  let injector: EnvironmentInjector;

  beforeEach(() => {
    data = new BehaviorSubject<Data>({});
    ({ http } = setUpKratos());
    handle = spyOn(TestBed.inject(KratosNavigator), 'handle').and.resolveTo(true);
    injector = createEnvironmentInjector(
      [{ provide: ActivatedRoute, useValue: { data } }],
      TestBed.inject(EnvironmentInjector),
    );
  });
  afterEach(() => http.verify());

  const settings = () => runInInjectionContext(injector, () => injectKratosFlow(SettingsFlowService));
  const expectSubmit = () => http.expectOne((req) => req.url === SUBMIT && req.method === 'POST');

  it('status: loading until the route has a flow, then ready → submitting → ready, with the answer’s flow', async () => {
    const flow = settings();
    const statuses: KratosFlowStatus[] = [flow.status()];
    expect(flow.flow()).toBeUndefined();
    data.next({ flow: fx.settingsFlow() });
    statuses.push(flow.status());
    expect(flow.flow()?.id).toBe(fx.FLOW_ID);

    const answer = flow.submit(BODY);
    statuses.push(flow.status());
    const req = expectSubmit();
    expect(req.request.params.get('flow')).toBe(fx.FLOW_ID);
    expect(req.request.body).toEqual(BODY);
    flush(req, 400, fx.invalidFlow());
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
    data.next({ flow: fx.settingsFlow() });
    const answer = flow.submit(BODY);
    flush(expectSubmit(), 403, fx.REFRESH_REQUIRED);
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
    expect(flow.flow()?.id).toBe(fx.FLOW_ID);
    void flow.submit(BODY);
    expect(flow.error()).toBeUndefined();
    expectSubmit().flush(fx.successFlow());
    http.match(`${fx.KRATOS}/sessions/whoami`).forEach((req) => req.flush(lx.session()));
  });

  it('a later submit supersedes an earlier one: its request is aborted, its promise resolves to undefined', async () => {
    const flow = settings();
    data.next({ flow: fx.settingsFlow() });
    const first = flow.submit(BODY);
    const firstReq = expectSubmit();
    const second = flow.submit({ ...BODY, password: 'another one' });
    expect(firstReq.cancelled).toBeTrue();
    expect(await first).toBeUndefined();
    flush(expectSubmit(), 400, fx.invalidFlow());
    expect((await second)?.kind).toBe('invalid');
    expect(flow.status()).toBe('ready');
  });

  it('a newer flow from the route drops the answer under way (aborted, resolves to undefined)', async () => {
    const flow = settings();
    data.next({ flow: fx.settingsFlow() });
    const answer = flow.submit(BODY);
    const req = expectSubmit();
    data.next({ flow: fx.settingsFlow({ id: fx.NEW_FLOW_ID }) });
    expect(req.cancelled).toBeTrue();
    expect(await answer).toBeUndefined();
    expect(flow.flow()?.id).toBe(fx.NEW_FLOW_ID);
    expect(flow.status()).toBe('ready');
    expect(flow.result()).toBeUndefined();
    // The next submit goes to the new flow.
    void flow.submit(BODY);
    expect(expectSubmit().request.params.get('flow')).toBe(fx.NEW_FLOW_ID);
  });

  it('destroyed: the request under way is aborted, and a submit afterwards sends nothing', async () => {
    const flow = settings();
    data.next({ flow: fx.settingsFlow() });
    const answer = flow.submit(BODY);
    const req = expectSubmit();
    injector.destroy();
    expect(req.cancelled).toBeTrue();
    expect(await answer).toBeUndefined();
    expect(await flow.submit(BODY)).toBeUndefined();
    http.expectNone(() => true);
    // Nor does it follow the route any more.
    data.next({ flow: fx.settingsFlow({ id: fx.NEW_FLOW_ID }) });
    expect(flow.flow()?.id).toBe(fx.FLOW_ID);
  });

  it('without a flow yet: submit sends nothing', async () => {
    const flow = settings();
    expect(await flow.submit(BODY)).toBeUndefined();
    http.expectNone(() => true);
  });

  it('a settings success replaces the flow and asks for the session again', async () => {
    const refresh = spyOn(TestBed.inject(KratosSessionState), 'refresh').and.resolveTo(undefined);
    const flow = settings();
    data.next({ flow: fx.settingsFlow() });
    const answer = flow.submit(BODY);
    expectSubmit().flush(fx.successFlow());
    expect((await answer)?.kind).toBe('success');
    expect(flow.flow()?.state).toBe('success');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('login: the kind comes from the service (its policy for errors; a success without a flow keeps the flow)', async () => {
    const flow = runInInjectionContext(injector, () => injectKratosFlow(LoginFlowService));
    data.next({ flow: lx.loginFlow() });
    const answer = flow.submit({ method: 'password', identifier: 'ada', password: 'x', csrf_token: fx.CSRF });
    const req = http.expectOne((r) => r.url === `${fx.KRATOS}/self-service/login`);
    req.flush({ session: lx.session(), continue_with: [] });
    const result = await answer;
    expect(result?.kind).toBe('success');
    expect(flow.flow()?.id).toBe(lx.loginFlow().id);

    const failing = flow.submit({ method: 'password', identifier: 'ada', password: 'x', csrf_token: fx.CSRF });
    flush(
      http.expectOne((r) => r.url === `${fx.KRATOS}/self-service/login`),
      400,
      lx.SESSION_ALREADY_AVAILABLE,
    );
    await expectAsync(failing).toBeRejectedWith(jasmine.any(KratosError));
    expect(handle).toHaveBeenCalledOnceWith(jasmine.any(KratosError), jasmine.any(String), LOGIN_FLOW_POLICY);
  });

  it('refuses what is not a flow service', () => {
    expect(() =>
      runInInjectionContext(injector, () => injectKratosFlow(KratosNavigator as unknown as typeof SettingsFlowService)),
    ).toThrowError(/flow service/);
  });
});
