/*
 * Compile-time conformance with the official @ory/client-fetch types (a dev dependency, imported as types only,
 * so nothing of it reaches the package). If Ory renames a field or adds a union member, this file stops compiling
 * and the Karma run fails. The intended differences are listed and asserted too:
 *
 * - dates are RFC 3339 strings, as on the wire (the SDK converts them to `Date`);
 * - enums are literal unions (the SDK widens `state` to `any` and `type` to `string` and adds '11184809', the
 *   generator's "unknown default" member that never travels on the wire);
 * - the div node's `class` attribute keeps its wire name (the SDK renames it `_class`);
 * - `GenericError` is herodot's error object; the SDK's also has an `error` field from Ory's OAuth2 errors;
 * - `UpdateSettingsFlowBody` leaves out `deviceauthn`, an Ory Network method that Kratos's settings flow lacks.
 */
import type * as Ory from '@ory/client-fetch';
import { ContinueWith } from './continue-with';
import { GenericError } from './generic-error';
import { Identity } from './identity';
import { SettingsFlow } from '../settings/settings-flow';
import { UiContainer } from './ui-container';
import * as Ui from './ui-node';
import { UiText } from './ui-text';
import * as Body from '../settings/update-settings-flow-body';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The literal members of an open union (`'a' | 'b' | (string & {})` → `'a' | 'b'`). */
type Known<T> = T extends string ? (string extends T ? never : T) : never;
/** The SDK's enums minus the generator's "unknown default" member. */
type Wire<T> = Exclude<T, '11184809'>;
type SameKeys<A, B> = Equals<keyof A, keyof B>;

function check<T extends true>(): T {
  return true as T;
}

const fieldNames = [
  check<SameKeys<SettingsFlow, Ory.SettingsFlow>>(),
  check<SameKeys<UiContainer, Ory.UiContainer>>(),
  check<SameKeys<Ui.UiNode, Ory.UiNode>>(),
  check<SameKeys<Ui.UiNodeMeta, Ory.UiNodeMeta>>(),
  check<SameKeys<UiText, Ory.UiText>>(),
  check<SameKeys<Identity, Ory.Identity>>(),
  check<SameKeys<Ui.UiNodeInputAttributes, Ory.UiNodeInputAttributes>>(),
  check<SameKeys<Ui.UiNodeTextAttributes, Ory.UiNodeTextAttributes>>(),
  check<SameKeys<Ui.UiNodeImageAttributes, Ory.UiNodeImageAttributes>>(),
  check<SameKeys<Ui.UiNodeAnchorAttributes, Ory.UiNodeAnchorAttributes>>(),
  check<SameKeys<Ui.UiNodeScriptAttributes, Ory.UiNodeScriptAttributes>>(),
  check<Equals<keyof Ui.UiNodeDivisionAttributes, Exclude<keyof Ory.UiNodeDivisionAttributes, '_class'> | 'class'>>(),
  check<SameKeys<GenericError, Omit<Ory.GenericError, 'error'>>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithPasswordMethod, Ory.UpdateSettingsFlowWithPasswordMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithProfileMethod, Ory.UpdateSettingsFlowWithProfileMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithTotpMethod, Ory.UpdateSettingsFlowWithTotpMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithWebAuthnMethod, Ory.UpdateSettingsFlowWithWebAuthnMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithLookupMethod, Ory.UpdateSettingsFlowWithLookupMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithOidcMethod, Ory.UpdateSettingsFlowWithOidcMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithSamlMethod, Ory.UpdateSettingsFlowWithSamlMethod>>(),
  check<SameKeys<Body.UpdateSettingsFlowWithPasskeyMethod, Ory.UpdateSettingsFlowWithPasskeyMethod>>(),
];

const unionMembers = [
  check<Equals<Ui.UiNodeAttributes['node_type'], Wire<Ory.UiNodeTypeEnum>>>(),
  check<Equals<Ui.UiNodeType, Wire<Ory.UiNodeTypeEnum>>>(),
  check<Equals<Known<Ui.UiNodeGroup>, Wire<Ory.UiNodeGroupEnum>>>(),
  check<Equals<Known<Ui.UiNodeInputType>, Wire<Ory.UiNodeInputAttributesTypeEnum>>>(),
  check<Equals<Known<Ui.UiNodeInputAutocomplete>, Wire<Ory.UiNodeInputAttributesAutocompleteEnum>>>(),
  check<Equals<Known<Ui.UiNodeTrigger>, Wire<Ory.UiNodeInputAttributesOnclickTriggerEnum>>>(),
  check<Equals<UiText['type'], Wire<Ory.UiTextTypeEnum>>>(),
  check<Equals<ContinueWith['action'], Ory.ContinueWith['action']>>(),
  check<Equals<Body.UpdateSettingsFlowBody['method'], Exclude<Ory.UpdateSettingsFlowBody['method'], 'deviceauthn'>>>(),
];

const intendedDifferences = [
  check<Equals<SettingsFlow['expires_at'], string>>(),
  check<Equals<Ory.SettingsFlow['expires_at'], Date>>(),
  check<Equals<SettingsFlow['type'], 'browser' | 'api'>>(),
  check<Equals<SettingsFlow['state'], 'show_form' | 'success'>>(),
  check<Equals<SettingsFlow['organization_id'], string | null | undefined>>(),
  check<Equals<Body.UpdateSettingsFlowBody['method'] | 'deviceauthn', Ory.UpdateSettingsFlowBody['method']>>(),
];

describe('models agree with @ory/client-fetch', () => {
  it('compiles: field names, union members and the intended differences (checked by the type checker)', () => {
    // The real assertions are the type arguments above; these counts only keep the lists from being emptied.
    expect(fieldNames.length).toBe(21);
    expect(unionMembers.length).toBe(9);
    expect(intendedDifferences.length).toBe(6);
    expect([...fieldNames, ...unionMembers, ...intendedDifferences].every((ok) => ok)).toBeTrue();
  });
});
