/*
 * JSON answers validated against the matching response schema of a Kratos OpenAPI spec: the emulator suite checks
 * every answer it received against ../shared/kratos/openapi.json; the differential suite checks both servers against
 * that spec and v1.3.1's own. The specs are third-party data and stay outside the repository: without one, the check
 * reports a skip. Known spec quirks can be corrected, each with its reason.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { exchanges } from './client';

export const SHARED_SPEC = resolve(__dirname, '../../../../shared/kratos/openapi.json');

type Schema = Record<string, unknown>;

/** OpenAPI 3.0's `nullable: true` is JSON Schema's `type: [T, 'null']`. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value);
  const nullable = out['nullable'] === true;
  delete out['nullable'];
  if (nullable) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    else if (out['$ref'] || out['allOf'] || out['oneOf']) return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** The spec quirks `correctQuirks` works around, for reports that list them. */
export const SPEC_QUIRKS = [
  'genericError.details is declared with additionalProperties: false, yet Kratos fills it (redirect_browser_to, redirect_to, return_to, hints)',
  'errorBrowserLocationChangeRequired nests `error` twice (error.error); the wire nests it once, like every other error',
  "updateSettingsFlow's 400 is declared a settings flow; the rows before the flow is loaded answer an error envelope",
  "updateRecoveryFlow's and updateVerificationFlow's 400 are declared flows; a signed-in recovery, a missing flow id and (with use_continue_with_transitions) a replaced recovery flow answer an error envelope",
  "successfulNativeLogin.continue_with is declared an array; v1.3.1's api login answers null when there is nothing",
  "session.identity is declared an identity; v1.3.1's api login of an identity that still needs AAL2 answers null",
];

export interface Answer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/**
 * A validator for one spec file: `(answer) => undefined` when the spec declares no JSON schema for the operation and
 * status, `[]` when the body matches, else the errors. With `correctQuirks`, SPEC_QUIRKS are worked around.
 */
export function specValidator(file: string, { correctQuirks = true } = {}): (answer: Answer) => string[] | undefined {
  const spec = toJsonSchema(JSON.parse(readFileSync(file, 'utf8'))) as {
    paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
    components: { schemas: Record<string, { properties: Record<string, Schema> }> };
  };
  if (correctQuirks) {
    spec.components.schemas['genericError'].properties['details'] = { type: 'object' };
    const nativeLogin = spec.components.schemas['successfulNativeLogin']?.properties;
    if (nativeLogin?.['continue_with'])
      nativeLogin['continue_with'] = { anyOf: [nativeLogin['continue_with'], { type: 'null' }] };
    const session = spec.components.schemas['session']?.properties;
    if (session?.['identity']) session['identity'] = { anyOf: [session['identity'], { type: 'null' }] };
  }
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('uuid4', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
  ajv.addSchema(spec as object, 'openapi');
  const locationChange = {
    type: 'object',
    required: ['error', 'redirect_browser_to'],
    properties: {
      error: { $ref: 'openapi#/components/schemas/genericError' },
      redirect_browser_to: { type: 'string' },
    },
  };
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: object) => {
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
    return validate;
  };
  return (answer) => {
    const operation = spec.paths[answer.path]?.[answer.method.toLowerCase()];
    const response = operation?.responses[String(answer.status)] ?? operation?.responses['default'];
    const ref = (response?.['content'] as Record<string, { schema: Schema }> | undefined)?.['application/json']
      ?.schema?.['$ref'] as string | undefined;
    if (!ref) return undefined;
    let key = ref;
    let schema: object = { $ref: `openapi${ref}` };
    const body = answer.body as Record<string, unknown>;
    if (correctQuirks && ref.endsWith('/errorBrowserLocationChangeRequired')) [key, schema] = ['422', locationChange];
    const flowRef = /\/(settings|recovery|verification)Flow$/.test(ref);
    if (correctQuirks && flowRef && answer.status === 400 && body && 'error' in body) {
      [key, schema] = ['errorGeneric', { $ref: 'openapi#/components/schemas/errorGeneric' }];
    }
    const validate = compile(key, schema);
    return validate(answer.body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

export function conformanceTest(): void {
  const skip = existsSync(SHARED_SPEC)
    ? false
    : `skipped: ${SHARED_SPEC} is absent (Kratos's OpenAPI spec lives in ../shared)`;
  test("every JSON answer matches Kratos's OpenAPI response schema", { skip }, () => {
    const validate = specValidator(SHARED_SPEC);
    const failures: string[] = [];
    let checked = 0;
    for (const exchange of exchanges) {
      const errors = validate(exchange);
      if (errors === undefined) continue;
      checked++;
      if (errors.length) failures.push(`${exchange.method} ${exchange.path} ${exchange.status}: ${errors.join(', ')}`);
    }
    assert.ok(checked > 20, `only ${checked} answers had a schema`);
    assert.deepEqual(failures, []);
  });
}
