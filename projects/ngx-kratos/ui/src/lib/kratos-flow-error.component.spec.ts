/*
 * <kratos-flow-error> for each way an error page is reached (docs/kratos-protocol.md §13): Kratos's stored error, the
 * navigator's summary, an id Kratos has no error for, nothing at all; each with axe-core at zero violations, the
 * links home and back, and server strings as text.
 */
import { Location } from '@angular/common';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KratosErrorView, provideKratos, withFlowPages } from 'ngx-kratos';
import { axeViolations, KRATOS } from '../testing/flow-fixtures';
import { KratosFlowError } from './kratos-flow-error.component';
import { provideKratosTexts } from './texts';

@Component({
  imports: [KratosFlowError],
  template: `<main><kratos-flow-error [error]="error()" /></main>`,
})
class Host {
  readonly error = signal<KratosErrorView | undefined>(undefined);
}

const ERROR_ID = '4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('<kratos-flow-error>', () => {
  let fixture: ComponentFixture<Host>;
  let root: HTMLElement;

  function setUp(error: KratosErrorView | undefined, providers: unknown[] = []): void {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideKratos({ baseUrl: KRATOS }, withFlowPages({ home: '/home' })),
        ...(providers as never[]),
      ],
    });
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.error.set(error);
    fixture.detectChanges();
    root = fixture.nativeElement as HTMLElement;
  }
  const details = () =>
    [...root.querySelectorAll('[data-kratos-detail]')].map((d) => [
      d.getAttribute('data-kratos-detail'),
      d.querySelector('dd')!.textContent!.trim(),
    ]);
  const expectNoAxeViolations = async () => expect(await axeViolations(root)).toEqual([]);

  it('Kratos’s stored error (?id=): title, message, reason, status and reference', async () => {
    setUp({
      source: 'kratos',
      id: ERROR_ID,
      error: {
        code: 400,
        status: 'Bad Request',
        reason: 'Recovery is not allowed because it was disabled.',
        message: 'The request was malformed or contained invalid parameters',
      },
    });
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Something went wrong');
    expect(root.querySelector('.kratos-flow-error__message')!.textContent!.trim()).toBe(
      'The request was malformed or contained invalid parameters',
    );
    expect(root.querySelector('.kratos-flow-error__reason')!.textContent!.trim()).toBe(
      'Recovery is not allowed because it was disabled.',
    );
    expect(details()).toEqual([
      ['status', '400'],
      ['reference', ERROR_ID],
    ]);
    await expectNoAxeViolations();
  });

  it('the navigator’s summary: its kind and status', async () => {
    setUp({
      source: 'app',
      error: { kind: 'session_inactive', status: 401, id: 'session_inactive', message: 'No active session' },
    });
    expect(details()).toEqual([
      ['id', 'session_inactive'],
      ['status', '401'],
    ]);
    await expectNoAxeViolations();
  });

  it('an unknown id: a readable page saying the error is not available', async () => {
    setUp({
      source: 'unavailable',
      id: 'nope',
      error: { kind: 'not_found', status: 404, message: 'Unable to locate the resource' },
    });
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('This error is no longer available');
    expect(details()).toEqual([
      ['id', 'not_found'],
      ['status', '404'],
      ['reference', 'nope'],
    ]);
    await expectNoAxeViolations();
  });

  it('nothing to show (no input, or none): a readable page, never blank', async () => {
    setUp(undefined);
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('No error to show');
    expect(root.querySelector('.kratos-flow-error__message')!.textContent!.trim()).toBe(
      'There is no error to show on this page.',
    );
    fixture.componentInstance.error.set({ source: 'none' });
    fixture.detectChanges();
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('No error to show');
    await expectNoAxeViolations();
  });

  it('links home (withFlowPages’ home) and back', () => {
    setUp({ source: 'none' });
    expect(root.querySelector('a[data-kratos-link="home"]')!.getAttribute('href')).toBe('/home');
    const back = spyOn(TestBed.inject(Location), 'back');
    [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Go back')!.click();
    expect(back).toHaveBeenCalled();
  });

  it('server strings are text, never HTML; labels translate', () => {
    setUp(
      {
        source: 'kratos',
        id: ERROR_ID,
        error: { message: '<img src=x onerror="window.hacked=1">', reason: '<b>bold</b>' },
      },
      [provideKratosTexts({}, { labels: { errorTitle: 'Etwas ging schief' } })],
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<img src=x');
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Etwas ging schief');
  });
});
