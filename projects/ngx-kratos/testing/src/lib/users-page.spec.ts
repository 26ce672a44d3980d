/*
 * How an app tests its own page with ngx-kratos/testing: a password page on SettingsFlowService, set up with
 * provideKratosTesting() and answered with KratosTestingController; nothing of it is ngx-kratos's internals.
 */
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { flowMessages, getCsrfToken, KratosNavigator, SettingsFlow, SettingsFlowService, UiText } from 'ngx-kratos';
import {
  FakeKratosLocation,
  KratosTestingController,
  message,
  provideKratosTesting,
  settingsFlow,
  TESTING_FLOW_ID,
} from 'ngx-kratos/testing';

@Component({
  selector: 'kratos-example-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (flow(); as flow) {
      <form (submit)="save(password.value); $event.preventDefault()">
        <input #password type="password" name="password" />
        <button type="submit">Save</button>
      </form>
    }
    @for (text of messages(); track text.id) {
      <p class="message" [class]="text.type">{{ text.text }}</p>
    }
    @if (saved()) {
      <p class="saved">Saved</p>
    }
  `,
})
class PasswordPage implements OnInit {
  private readonly settings = inject(SettingsFlowService);
  private readonly navigator = inject(KratosNavigator);
  readonly flow = signal<SettingsFlow | undefined>(undefined);
  readonly messages = signal<UiText[]>([]);
  readonly saved = signal(false);

  ngOnInit(): void {
    this.settings.createBrowserFlow().subscribe((flow) => this.flow.set(flow));
  }

  save(password: string): void {
    const flow = this.flow();
    if (!flow) return;
    this.settings
      .updateFlow(flow.id, { method: 'password', password, csrf_token: getCsrfToken(flow) ?? '' })
      .subscribe({
        next: (result) => {
          this.flow.set(result.flow);
          this.messages.set(flowMessages(result.flow));
          this.saved.set(result.kind === 'success');
        },
        error: (error: unknown) => void this.navigator.handle(error, '/password'),
      });
  }
}

describe("a user's page tested with ngx-kratos/testing", () => {
  let fixture: ComponentFixture<PasswordPage>;
  let kratos: KratosTestingController;

  const submit = (password: string) => {
    const input = fixture.nativeElement.querySelector('input[name=password]') as HTMLInputElement;
    input.value = password;
    (fixture.nativeElement.querySelector('button') as HTMLButtonElement).click();
  };
  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideKratosTesting(), provideRouter([])] });
    kratos = TestBed.inject(KratosTestingController);
    fixture = TestBed.createComponent(PasswordPage);
    fixture.detectChanges();
    kratos.expectCreate('settings').flush(settingsFlow());
    await fixture.whenStable();
  });

  afterEach(() => kratos.verify());

  it('submits the password with the CSRF token and shows Saved', async () => {
    submit('correct horse battery staple');
    const update = kratos.expectUpdate('settings', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual({
      method: 'password',
      password: 'correct horse battery staple',
      csrf_token: 'masked-csrf-token-value',
    });
    const success = settingsFlow({ state: 'success' });
    success.ui.messages = [message(1050001, 'Your changes have been saved!', 'success')];
    update.flush(success);
    await fixture.whenStable();
    expect(text()).toContain('Saved');
    expect(text()).toContain('Your changes have been saved!');
  });

  it("shows Kratos's validation message and stays on the page", async () => {
    submit('short');
    const invalid = settingsFlow();
    invalid.ui.messages = [message(4000005, 'The password can not be used because it is too short.', 'error')];
    kratos.expectUpdate('settings', TESTING_FLOW_ID).flushInvalid(invalid);
    await fixture.whenStable();
    expect(text()).toContain('too short');
    expect(text()).not.toContain('Saved');
  });

  it("sends the user to Kratos's re-authentication when the session is too old", async () => {
    submit('correct horse battery staple');
    kratos.expectUpdate('settings', TESTING_FLOW_ID).flushError('session_refresh_required');
    await fixture.whenStable();
    expect(TestBed.inject(FakeKratosLocation).assigned).toEqual([
      jasmine.stringMatching(/^http:\/\/127\.0\.0\.1:4433\/self-service\/login\/browser\?.*refresh=true/),
    ]);
  });
});
