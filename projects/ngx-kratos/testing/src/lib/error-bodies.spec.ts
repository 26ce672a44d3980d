import { KRATOS_TESTING_BASE_URL } from './builders';
import { kratosErrorBody } from './error-bodies';

describe('ngx-kratos/testing kratosErrorBody', () => {
  describe("an expired browser flow's GET 410 and its return_to (docs/kratos-protocol.md §2.3 row 5, §7.3 row 3)", () => {
    it('without one: return_to empty, redirect_to the bare init URL', () => {
      const { status, body } = kratosErrorBody('self_service_flow_expired', { endpoint: 'get' });
      expect(status).toBe(410);
      expect(body.error.details).toEqual({
        redirect_to: `${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`,
        return_to: '',
      });
    });

    it("with returnTo: in details.return_to, and in redirect_to's query, encoded as Kratos encodes it", () => {
      const { body } = kratosErrorBody(
        'self_service_flow_expired',
        { flow: 'login', endpoint: 'get' },
        { returnTo: 'http://127.0.0.1:4200/account?tab=a b' },
      );
      expect(body.error.id).toBe('self_service_flow_expired');
      expect(body.error.details).toEqual({
        redirect_to: `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2Faccount%3Ftab%3Da+b`,
        return_to: 'http://127.0.0.1:4200/account?tab=a b',
      });
    });

    it('leaves the api flow’s details and the other bodies as they were', () => {
      const api = kratosErrorBody('self_service_flow_expired', { endpoint: 'get', native: true }, { returnTo: '/x' });
      expect(api.body.error.details).toEqual({ api: `${KRATOS_TESTING_BASE_URL}/self-service/settings/api` });
      const submit = kratosErrorBody('self_service_flow_expired', { endpoint: 'update' }, { returnTo: '/x' });
      expect(submit.body.error.details).toBeUndefined();
    });
  });
});
