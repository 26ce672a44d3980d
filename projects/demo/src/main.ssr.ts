import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { ssrAppConfig } from './app/app.config.ssr';

// The browser side of the SSR demo: the same app, hydrating what the server rendered.
bootstrapApplication(App, ssrAppConfig()).catch((err) => console.error(err));
