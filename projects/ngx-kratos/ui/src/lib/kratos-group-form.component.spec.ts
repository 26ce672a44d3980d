/*
 * <kratos-group-form> outside settings: a flow of any kind (here a login-shaped one with a code method) gives a
 * flow-neutral body, with `method` from its button and the default group's fields.
 */
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FlowBody, HasUi, provideKratos, UiNode } from 'ngx-kratos';
import { KratosGroupForm } from './kratos-group-form.component';

const KRATOS = 'http://127.0.0.1:4433';
const node = (group: string, name: string, type: string, value?: string): UiNode =>
  ({
    type: 'input',
    group,
    attributes: { name, type, value, disabled: false, node_type: 'input' },
    messages: [],
    meta: {},
  }) as UiNode;

const codeFlow: HasUi = {
  ui: {
    action: `${KRATOS}/self-service/login?flow=f1`,
    method: 'POST',
    nodes: [
      node('default', 'csrf_token', 'hidden', 'csrf-value'),
      node('default', 'identifier', 'email', 'ada@127.0.0.1'),
      node('code', 'code', 'text'),
      node('code', 'method', 'submit', 'code'),
    ],
  },
};

@Component({
  imports: [KratosGroupForm],
  template: `<kratos-group-form [flow]="flow()" group="code" (submitted)="bodies.push($event)" />`,
})
class Host {
  readonly flow = signal(codeFlow);
  readonly bodies: FlowBody[] = [];
}

describe('<kratos-group-form> for a flow other than settings', () => {
  it('emits the flow-neutral body of its group, with the default group’s fields', () => {
    TestBed.configureTestingModule({ providers: [provideKratos({ baseUrl: KRATOS })] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    root.querySelector<HTMLInputElement>('input[name="code"]')!.value = '123456';
    root.querySelector<HTMLButtonElement>('button')!.click();
    expect(fixture.componentInstance.bodies).toEqual([
      { csrf_token: 'csrf-value', identifier: 'ada@127.0.0.1', code: '123456', method: 'code' },
    ]);
  });
});
