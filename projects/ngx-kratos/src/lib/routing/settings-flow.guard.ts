import { inject } from '@angular/core';
import { CanActivateFn, RedirectCommand } from '@angular/router';
import { map } from 'rxjs';
import { SettingsFlowHandoff } from '../navigation/settings-flow-handoff';
import { loadSettingsFlow } from './load-settings-flow';

/**
 * Guards the settings route: loads (or creates) the flow, or sends the user where its error says (login, AAL2
 * step-up, a fresh flow, the error route). The loaded flow is handed to `settingsFlowResolver`, so the
 * navigation costs exactly one request to Kratos.
 */
export const settingsFlowGuard: CanActivateFn = (route, state) => {
  const handoff = inject(SettingsFlowHandoff);
  return loadSettingsFlow(route, state).pipe(
    map((result) => {
      if (result === false || result instanceof RedirectCommand) {
        return result;
      }
      handoff.put(result);
      return true;
    }),
  );
};
