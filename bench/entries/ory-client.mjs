// The same three settings calls with Ory's axios-based SDK; axios is bundled (an Angular app does not have it).
import { Configuration, FrontendApi } from '@ory/client';

const frontend = new FrontendApi(
  new Configuration({ basePath: 'https://auth.example.com', baseOptions: { withCredentials: true } }),
);

export const create = () => frontend.createBrowserSettingsFlow();
export const get = (id) => frontend.getSettingsFlow({ id });
export const update = (flow, body) => frontend.updateSettingsFlow({ flow, updateSettingsFlowBody: body });
