/* The settings flow as Kratos serialises it (docs/kratos-protocol.md §3.1–3.3): nodes rebuilt from the identity's current state. */
import QRCode from 'qrcode';
import { Emulator } from '../context';
import { IdentityRecord, Node, SettingsFlowRecord } from '../model';
import { newTotpSecret } from '../totp';
import { csrfNode, img, info, input, script, submit, text } from '../ui';

export const OIDC_PROVIDERS = [{ id: 'emulated', label: 'Emulated Provider' }] as const;

/** Gives a flow its TOTP setup secret and QR image when the identity has no TOTP yet. */
export async function prepareTotpSetup(
  em: Emulator,
  flow: SettingsFlowRecord,
  identity: IdentityRecord,
): Promise<void> {
  if (identity.totpSecret || flow.totpSetupSecret) return;
  flow.totpSetupSecret = newTotpSecret();
  const uri = `otpauth://totp/Kratos%20Emulator:${encodeURIComponent(identity.traits.email)}?secret=${flow.totpSetupSecret}&issuer=Kratos%20Emulator`;
  flow.totpSetupQr = await QRCode.toDataURL(uri, { width: 256, margin: 1 });
}

export function settingsNodes(em: Emulator, flow: SettingsFlowRecord, identity: IdentityRecord): Node[] {
  const value = (name: string, fallback: unknown) => (name in flow.nodeValues ? flow.nodeValues[name] : fallback);
  const nodes: Node[] = [
    csrfNode(flow.csrfToken),
    input(
      'profile',
      'traits.email',
      'email',
      { value: value('traits.email', identity.traits.email), required: true, autocomplete: 'email' },
      info(1070002, 'E-Mail', { name: 'traits.email', title: 'E-Mail' }),
    ),
    input(
      'profile',
      'traits.name.first',
      'text',
      { value: value('traits.name.first', identity.traits.name?.first) },
      info(1070002, 'First Name', { name: 'traits.name.first', title: 'First Name' }),
    ),
    input(
      'profile',
      'traits.name.last',
      'text',
      { value: value('traits.name.last', identity.traits.name?.last) },
      info(1070002, 'Last Name', { name: 'traits.name.last', title: 'Last Name' }),
    ),
    submit('profile', 'method', 'profile', info(1070003, 'Save')),
    input(
      'password',
      'password',
      'password',
      { required: true, autocomplete: 'new-password' },
      info(1070001, 'Password'),
    ),
    submit('password', 'method', 'password', info(1070003, 'Save')),
    // v1.3.1 offers OIDC, security keys and passkeys in browser flows only: they need a browser to complete.
    ...(flow.type === 'browser'
      ? OIDC_PROVIDERS.map(({ id, label }) =>
          identity.oidcProviders.includes(id)
            ? submit('oidc', 'unlink', id, info(1050003, `Unlink ${label}`, { provider: label, provider_id: id }))
            : submit('oidc', 'link', id, info(1050002, `Link ${label}`, { provider: label, provider_id: id })),
        )
      : []),
    ...totpNodes(flow, identity),
    ...lookupNodes(flow, identity),
    ...(flow.type === 'browser' ? [...webauthnNodes(em, identity), ...passkeyNodes(em, identity)] : []),
  ];
  const shown = nodes.filter((node) => !em.config.disabledMethods.includes(node.group));
  for (const node of shown) {
    const name = node.attributes['name'];
    if (typeof name === 'string' && flow.nodeMessages[name]) node.messages = flow.nodeMessages[name];
  }
  return shown;
}

function totpNodes(flow: SettingsFlowRecord, identity: IdentityRecord): Node[] {
  if (identity.totpSecret) {
    return [submit('totp', 'totp_unlink', 'true', info(1050004, 'Unlink TOTP Authenticator App'))];
  }
  if (!flow.totpSetupSecret) return [];
  return [
    img('totp', 'totp_qr', flow.totpSetupQr ?? '', info(1050005, 'Authenticator app QR code')),
    text(
      'totp',
      'totp_secret_key',
      info(1050006, flow.totpSetupSecret, { secret: flow.totpSetupSecret }),
      info(1050017, 'This is your authenticator app secret. Use it if you can not scan the QR code.'),
    ),
    input('totp', 'totp_code', 'text', { required: true, autocomplete: 'one-time-code' }, info(1070006, 'Verify code')),
    submit('totp', 'method', 'totp', info(1070003, 'Save')),
  ];
}

function codesNode(codes: { code: string; used: boolean }[]): Node {
  const secrets = codes.map(({ code, used }) => (used ? info(1050014, 'used') : info(1050009, code)));
  return text(
    'lookup_secret',
    'lookup_secret_codes',
    info(1050015, secrets.map((s) => s.text).join(', '), { secrets }),
    info(1050010, 'These are your back up recovery codes. Please keep them in a safe place!'),
  );
}

function lookupNodes(flow: SettingsFlowRecord, identity: IdentityRecord): Node[] {
  if (flow.pendingLookupCodes) {
    return [
      codesNode(flow.pendingLookupCodes.map((code) => ({ code, used: false }))),
      submit('lookup_secret', 'lookup_secret_confirm', 'true', info(1050011, 'Confirm backup recovery codes')),
    ];
  }
  if (identity.lookupCodes?.length) {
    // v1.3.1: reveal first; new codes are offered once the current ones are shown.
    return flow.revealLookupCodes
      ? [
          codesNode(identity.lookupCodes.map((c) => ({ code: c.code, used: !!c.usedAt }))),
          submit(
            'lookup_secret',
            'lookup_secret_regenerate',
            'true',
            info(1050008, 'Generate new backup recovery codes'),
          ),
          submit('lookup_secret', 'lookup_secret_disable', 'true', info(1050016, 'Disable this method')),
        ]
      : [
          submit('lookup_secret', 'lookup_secret_reveal', 'true', info(1050007, 'Reveal backup recovery codes')),
          submit('lookup_secret', 'lookup_secret_disable', 'true', info(1050016, 'Disable this method')),
        ];
  }
  return [
    submit('lookup_secret', 'lookup_secret_regenerate', 'true', info(1050008, 'Generate new backup recovery codes')),
  ];
}

function webauthnNodes(em: Emulator, identity: IdentityRecord): Node[] {
  return [
    script('webauthn', 'webauthn_script', em.url('/.well-known/ory/webauthn.js'), em.webauthnScript.integrity),
    input(
      'webauthn',
      'webauthn_register_displayname',
      'text',
      { value: '' },
      info(1050013, 'Name of the security key'),
    ),
    input('webauthn', 'webauthn_register', 'hidden', { value: '' }),
    input(
      'webauthn',
      'webauthn_register_trigger',
      'button',
      { value: creationOptions(em, identity), onclickTrigger: 'oryWebAuthnRegistration' },
      info(1050012, 'Add security key'),
    ),
    ...identity.webauthn.map((credential) =>
      submit(
        'webauthn',
        'webauthn_remove',
        credential.id,
        info(1050018, `Remove security key "${credential.displayName}"`, {
          display_name: credential.displayName,
          added_at: credential.createdAt,
        }),
      ),
    ),
  ];
}

function passkeyNodes(em: Emulator, identity: IdentityRecord): Node[] {
  return [
    input('passkey', 'passkey_create_data', 'hidden', { value: creationOptions(em, identity) }),
    input('passkey', 'passkey_settings_register', 'hidden', {}),
    input(
      'passkey',
      'passkey_register_trigger',
      'button',
      { value: '', onclickTrigger: 'oryPasskeySettingsRegistration' },
      info(1050019, 'Add passkey'),
    ),
    ...identity.passkeys.map((credential) =>
      submit(
        'passkey',
        'passkey_remove',
        credential.id,
        info(1050020, `Remove passkey "${credential.displayName}"`, {
          display_name: credential.displayName,
          added_at: credential.createdAt,
        }),
      ),
    ),
  ];
}

/** WebAuthn creation options (the emulator does not verify what comes back; see docs/emulator.md). */
function creationOptions(em: Emulator, identity: IdentityRecord): string {
  return JSON.stringify({
    publicKey: {
      challenge: Buffer.from(`${identity.id}:${em.clock.now().getTime()}`).toString('base64url'),
      rp: { name: 'Kratos Emulator', id: new URL(em.config.publicUrl).hostname },
      user: {
        id: Buffer.from(identity.id).toString('base64url'),
        name: identity.traits.email,
        displayName: identity.traits.email,
      },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { userVerification: 'discouraged' },
    },
  });
}

export function settingsFlowJson(
  em: Emulator,
  flow: SettingsFlowRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const identity = em.state.identities.get(flow.identityId)!;
  return {
    id: flow.id,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    ui: {
      action: em.url(`/self-service/settings?flow=${flow.id}`),
      method: 'POST',
      nodes: settingsNodes(em, flow, identity),
      ...(flow.messages.length ? { messages: flow.messages } : {}),
    },
    identity: em.identityJson(identity, { updated: flow.identityUpdated }),
    state: flow.state,
    ...(flow.transientPayload ? { transient_payload: {} } : {}),
    ...extra,
  };
}
