import { DatePipe } from '@angular/common';
import { Component, input } from '@angular/core';
import { Session } from 'ngx-kratos';

/**
 * A page for signed-in users only: requireSession() sends others to the login page and back, and sessionResolver hands
 * the page the session from the guard's own `whoami` (one request for both).
 */
@Component({
  selector: 'app-session',
  imports: [DatePipe],
  template: `
    <h1>Your session</h1>
    <dl class="demo-facts" data-testid="session">
      <dt>Signed in as</dt>
      <dd>{{ session().identity?.traits?.['email'] }}</dd>
      <dt>Assurance level</dt>
      <dd>{{ session().authenticator_assurance_level }}</dd>
      <dt>Signed in at</dt>
      <dd>{{ session().authenticated_at | date: 'medium' }}</dd>
      <dt>Methods</dt>
      <dd>
        @for (method of session().authentication_methods ?? []; track $index) {
          {{ method.method }}{{ $last ? '' : ', ' }}
        }
      </dd>
      <dt>Expires</dt>
      <dd>{{ session().expires_at | date: 'medium' }}</dd>
    </dl>
  `,
})
export class SessionPage {
  readonly session = input.required<Session>();
}
