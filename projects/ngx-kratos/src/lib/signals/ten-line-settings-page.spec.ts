/*
 * docs/signals.md's "settings page in ten lines", as it is printed there (scripts/docs.test.mjs holds the guide to this
 * file), on a real settingsFlowRoute: the route's flow, a submit with the flow's traits, the status while it is sent.
 */
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KratosTestingController, provideKratosTesting, settingsFlow, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { settingsFlowRoute } from '../routing/settings-flow-route';
import { SettingsFlow } from '../settings/settings-flow';
import { SettingsFlowService } from '../settings/settings-flow.service';
import { injectKratosFlow } from './inject-kratos-flow';

@Component({
  template: `@if (settings.flow(); as flow) {
    <p>{{ settings.status() }}</p>
    <button (click)="save(flow)" [disabled]="settings.status() === 'submitting'">Save</button>
  }`,
})
export class SettingsPage {
  readonly settings = injectKratosFlow(SettingsFlowService); // the route's flow, following navigations
  save(flow: SettingsFlow) {
    this.settings.submit({ method: 'profile', traits: flow.identity.traits }).catch(() => undefined); // errors: the navigator's
  }
}

describe('the ten-line signal settings page of docs/signals.md', () => {
  it('shows the route’s flow, submits its traits, and is disabled while the submit is on its way', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideKratosTesting(),
        provideRouter([settingsFlowRoute({ path: 'settings', component: SettingsPage })], withComponentInputBinding()),
      ],
    });
    const kratos = TestBed.inject(KratosTestingController);
    const harness = await RouterTestingHarness.create();
    const shown = harness.navigateByUrl('/settings');
    await kratos.requested();
    kratos.expectCreate('settings').flush(settingsFlow());
    await shown;
    const button = () => (harness.routeNativeElement as HTMLElement).querySelector('button') as HTMLButtonElement;
    expect(harness.routeNativeElement?.textContent).toContain('ready');

    button().click();
    harness.detectChanges();
    expect(button().disabled).toBeTrue();
    const update = kratos.expectUpdate('settings', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual({ method: 'profile', traits: settingsFlow().identity.traits });
    update.flush(settingsFlow({ state: 'success' }));
    await harness.fixture.whenStable();
    expect(button().disabled).toBeFalse();
    kratos.verify();
  });
});
