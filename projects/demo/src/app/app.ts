import { Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  template: `
    <header class="demo-header">
      <a routerLink="/" class="demo-brand">ngx-kratos demo</a>
      <nav aria-label="Main">
        <a routerLink="/">Home</a> · <a routerLink="/settings">Settings</a> ·
        <a routerLink="/token">Session-token mode</a>
      </nav>
    </header>
    <main class="demo-main"><router-outlet /></main>
  `,
})
export class App {}
