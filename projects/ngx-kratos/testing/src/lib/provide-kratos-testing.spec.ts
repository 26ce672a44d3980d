import { provideHttpClient, withFetch } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_CONFIG,
  KRATOS_FLOW_PAGES,
  KratosLocation,
  provideKratos,
  SettingsFlowService,
  withFlowPages,
} from 'ngx-kratos';
import { KRATOS_TESTING_BASE_URL, settingsFlow } from './builders';
import { FakeKratosLocation } from './fake-kratos-location';
import { KratosTestingController } from './kratos-testing-controller';
import { provideKratosTesting, provideKratosTestingBackend } from './provide-kratos-testing';

describe('provideKratosTesting', () => {
  it("configures Kratos at the loopback base URL, on HttpClient's testing backend, with the controller and the fake", () => {
    TestBed.configureTestingModule({ providers: [provideKratosTesting()] });
    expect(TestBed.inject(KRATOS_CONFIG).baseUrl).toBe(KRATOS_TESTING_BASE_URL);
    expect(TestBed.inject(KratosTestingController)).toBeInstanceOf(KratosTestingController);
    expect(TestBed.inject(FakeKratosLocation).assigned).toEqual([]);

    let id: string | undefined;
    TestBed.inject(SettingsFlowService)
      .createBrowserFlow()
      .subscribe((flow) => (id = flow.id));
    TestBed.inject(HttpTestingController)
      .expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`)
      .flush(settingsFlow({ id: 'f1' }));
    expect(id).toBe('f1');
  });

  it('takes the configuration and the features of provideKratos', () => {
    TestBed.configureTestingModule({
      providers: [provideKratosTesting({ baseUrl: '/.ory/', timeout: 5000 }, withFlowPages({ settings: '/account' }))],
    });
    expect(TestBed.inject(KRATOS_CONFIG)).toEqual(jasmine.objectContaining({ baseUrl: '/.ory', timeout: 5000 }));
    expect(TestBed.inject(KRATOS_FLOW_PAGES)).toEqual(jasmine.objectContaining({ settings: '/account' }));

    TestBed.inject(SettingsFlowService).getFlow('f2').subscribe();
    const request = TestBed.inject(KratosTestingController).expectGet('settings', 'f2');
    expect(request.request.request.url).toBe('/.ory/self-service/settings/flows');
    request.flush(settingsFlow({ id: 'f2' }));
    TestBed.inject(KratosTestingController).verify();
  });

  it("provideKratosTestingBackend: the testing backend, the fake and the controller over an app's own providers", () => {
    const appProviders = [
      provideHttpClient(withFetch()),
      provideKratos({ baseUrl: 'https://auth.example.com' }, withFlowPages({ settings: '/account' })),
    ];
    TestBed.configureTestingModule({ providers: [...appProviders, provideKratosTestingBackend()] });
    expect(TestBed.inject(KratosLocation)).toBe(TestBed.inject(FakeKratosLocation));
    const kratos = TestBed.inject(KratosTestingController);

    let id: string | undefined;
    TestBed.inject(SettingsFlowService)
      .createBrowserFlow()
      .subscribe((flow) => (id = flow.id));
    const request = kratos.expectCreate('settings');
    expect(request.request.request.url).toBe('https://auth.example.com/self-service/settings/browser');
    request.flush(settingsFlow({ id: 'f3' }));
    expect(id).toBe('f3');
    kratos.verify();
  });
});
