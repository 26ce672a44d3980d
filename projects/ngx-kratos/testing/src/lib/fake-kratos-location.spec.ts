import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { KratosLocation, KratosSessionService } from 'ngx-kratos';
import { FakeKratosLocation } from './fake-kratos-location';
import { provideKratosTesting } from './provide-kratos-testing';
import { KRATOS_TESTING_BASE_URL } from './builders';

describe('FakeKratosLocation', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideKratosTesting()] }));

  it('is the KratosLocation, and records every navigation in order', () => {
    const fake = TestBed.inject(FakeKratosLocation);
    expect(TestBed.inject(KratosLocation)).toBe(fake);
    expect(fake.last).toBeUndefined();
    TestBed.inject(KratosLocation).assign('http://127.0.0.1:4433/a');
    TestBed.inject(KratosLocation).assign('http://127.0.0.1:4433/b');
    expect(fake.assigned).toEqual(['http://127.0.0.1:4433/a', 'http://127.0.0.1:4433/b']);
    expect(fake.last).toBe('http://127.0.0.1:4433/b');
  });

  it("records the library's own full-page navigations (a browser logout goes to Kratos's logout_url)", () => {
    const logoutUrl = `${KRATOS_TESTING_BASE_URL}/self-service/logout?token=t`;
    let completed = false;
    TestBed.inject(KratosSessionService)
      .logout()
      .subscribe({ complete: () => (completed = true) });
    TestBed.inject(HttpTestingController)
      .expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/logout/browser`)
      .flush({ logout_url: logoutUrl, logout_token: 't' });
    expect(completed).toBeTrue();
    expect(TestBed.inject(FakeKratosLocation).assigned).toEqual([logoutUrl]);
  });
});
