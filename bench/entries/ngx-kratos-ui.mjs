// What the demo's settings page imports from ngx-kratos/ui: the <kratos-settings> component, which brings its group
// forms, nodes, messages and texts. Bundled once with ngx-kratos external (the cost on top of core) and once with it
// bundled (ui + core).
import { KratosSettings } from 'ngx-kratos/ui';

export const imports = [KratosSettings];
