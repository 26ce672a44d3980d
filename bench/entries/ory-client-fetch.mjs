// The same three settings calls with Ory's fetch-based SDK, configured for a browser (cookies included).
import { Configuration, FrontendApi } from '@ory/client-fetch';

const frontend = new FrontendApi(new Configuration({ basePath: 'https://auth.example.com', credentials: 'include' }));

export const create = () => frontend.createBrowserSettingsFlow();
export const get = (id) => frontend.getSettingsFlow({ id });
export const update = (flow, body) => frontend.updateSettingsFlow({ flow, updateSettingsFlowBody: body });
