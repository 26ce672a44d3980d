import { Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { KratosErrorSummary } from 'ngx-kratos';

/** Where withErrorRoute() sends errors with no recovery; the summary arrives in history.state. */
@Component({
  selector: 'app-error',
  imports: [RouterLink],
  template: `
    <h1>Something went wrong</h1>
    @if (error; as e) {
      <p data-testid="error-kind">{{ e.kind }} ({{ e.status }})</p>
      <p>{{ e.reason ?? e.message }}</p>
    }
    <p><a routerLink="/">Back home</a></p>
  `,
})
export class ErrorPage {
  protected readonly error = (history.state as { kratosError?: KratosErrorSummary } | null)?.kratosError;
}
