/**
 * fast-check arbitraries for fuzzing what clients send: valid payloads derived from a command's zod
 * schema (through its JSON Schema, the subset our protocol uses), the same with one field broken,
 * and plainly hostile values (huge strings, deep nesting, prototype-pollution keys).
 */
import fc from 'fast-check';
import { z } from 'zod';

/** A JSON Schema node as zod writes it; only the keywords our schemas produce are read. */
interface Node {
  type?: string;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: Node | boolean;
  propertyNames?: Node;
  items?: Node;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Node[];
  oneOf?: Node[];
}

/**
 * Values a property may take besides what its schema allows at random: real ids of the event, a
 * known idempotency key. Without them a random id never names anything and the handler is not reached.
 */
export type Hint = (property: string) => fc.Arbitrary<unknown> | undefined;

/** Payloads the schema accepts (or nearly: trimming and cross-field rules are not in JSON Schema). */
export function validPayload(schema: z.ZodType, hint: Hint = () => undefined): fc.Arbitrary<unknown> {
  return fromNode(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node, hint);
}

function fromNode(node: Node, hint: Hint): fc.Arbitrary<unknown> {
  const union = node.oneOf ?? node.anyOf;
  if (union) return fc.oneof(...union.map((n) => fromNode(n, hint)));
  if ('const' in node) return fc.constant(node.const);
  if (node.enum) return fc.constantFrom(...node.enum);
  switch (node.type) {
    case 'string':
      return stringOf(node);
    case 'integer':
      return fc.integer({
        min: Math.max(node.minimum ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
        max: Math.min(node.maximum ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = node.minItems ?? 0;
      return fc.array(node.items ? fromNode(node.items, hint) : fc.jsonValue(), {
        minLength,
        maxLength: Math.max(minLength, Math.min(node.maxItems ?? 6, 6)),
      });
    }
    case 'object':
      return objectOf(node, hint);
  }
  return fc.jsonValue({ maxDepth: 2 });
}

function objectOf(node: Node, hint: Hint): fc.Arbitrary<unknown> {
  if (node.properties) {
    const model = Object.fromEntries(
      Object.entries(node.properties).map(([name, child]) => {
        const derived = fromNode(child, hint);
        const hinted = hint(name);
        return [name, hinted ? fc.oneof({ weight: 3, arbitrary: hinted }, { weight: 1, arbitrary: derived }) : derived];
      }),
    );
    return fc.record(model, { requiredKeys: node.required ?? [] });
  }
  const values =
    typeof node.additionalProperties === 'object' ? fromNode(node.additionalProperties, hint) : fc.jsonValue();
  const keys = node.propertyNames?.enum ? fc.constantFrom(...(node.propertyNames.enum as string[])) : fc.string();
  return fc.dictionary(keys, values, { maxKeys: 8 });
}

/** Text of every kind: ASCII, any code point (lone surrogates too), Japanese. */
const text = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }),
    fc.string({ minLength, maxLength, unit: 'binary' }),
    fc.string({ minLength, maxLength, unit: fc.constantFrom('あ', 'ア', '株', '式', '　', ' ', '\u200b', '\u0000') }),
  );

function stringOf(node: Node): fc.Arbitrary<string> {
  const min = node.minLength ?? 0;
  const max = node.maxLength ?? 200;
  if (node.format === 'base64') return fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64'));
  if (node.pattern) {
    const matching = fc.stringMatching(new RegExp(node.pattern));
    return node.maxLength === undefined ? matching : matching.filter((s) => s.length <= max);
  }
  // Short strings, and one exactly at the limit: off-by-one bugs live at the boundary.
  return fc.oneof(
    { weight: 4, arbitrary: text(min, Math.min(max, 24)) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
  );
}

// ---- hostile values ----

/** Keys that pollute a prototype if an object is merged carelessly. */
export const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** An object whose own keys (not its prototype) are `__proto__` and friends, as JSON.parse makes them. */
function ownKeys(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

export const polluted: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(
    fc.tuple(
      fc.oneof(fc.constantFrom(...pollutionKeys), fc.string()),
      fc.oneof(
        fc.constant({ polluted: true, role: 'organizer', isAdmin: true }),
        fc.constant({ prototype: { polluted: true } }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    ),
    { minLength: 1, maxLength: 4, selector: ([key]) => key },
  )
  .map(ownKeys);

/** Under the socket's 64 KB message limit, so it reaches the schema instead of closing the socket. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('x', 'あ', '😀', '<script>', "'; DROP TABLE people;--", '\\u0000'),
    fc.double({ min: 0.1, max: 1 }),
  )
  .map(([unit, share]) => unit.repeat(Math.floor((share * 48_000) / Buffer.byteLength(unit))));

export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 1500 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });

/** A value of the wrong kind for wherever it lands. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0, 1e308, 2 ** 53, '', ' ', '\u0000', 'null', 'undefined', [], {}),
  fc.integer(),
  fc.double(),
  text(0, 40),
  fc.jsonValue({ maxDepth: 3 }),
  hugeString,
  deeplyNested,
  polluted,
);

/** Everything fast-check can make that a socket can carry (binary included; BigInt cannot be sent). */
export const anything: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  key: fc.oneof(fc.string(), fc.constantFrom(...pollutionKeys)),
  withBoxedValues: true,
  withDate: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

type Container = Record<string, unknown> | unknown[];

/** Every object and array inside a value, the value itself first. */
function containers(value: unknown, found: Container[] = []): Container[] {
  if (value === null || typeof value !== 'object') return found;
  found.push(value as Container);
  for (const child of Object.values(value)) containers(child, found);
  return found;
}

type Mutation =
  | { kind: 'drop' }
  | { kind: 'set'; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'whole'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'drop' }),
  oddValue.map((value): Mutation => ({ kind: 'set', value })),
  fc
    // 'length' too: an array-like field on an object, and on an array a key that cannot be redefined.
    .tuple(fc.oneof(fc.constantFrom(...pollutionKeys, 'length'), fc.string({ maxLength: 12 })), oddValue)
    .map(([key, value]): Mutation => ({ kind: 'extra', key, value })),
  oddValue.map((value): Mutation => ({ kind: 'whole', value })),
);

/** A valid payload with one thing wrong somewhere in it: a field dropped, mistyped, or one too many. */
export function nearValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.nat(), mutation).map(([original, where, which, change]) => {
    const value = structuredClone(original);
    const targets = containers(value);
    const target = targets[where % Math.max(targets.length, 1)];
    if (!target || change.kind === 'whole') return change.kind === 'whole' ? change.value : value;
    const keys = Object.keys(target);
    const key = keys[which % Math.max(keys.length, 1)];
    if (change.kind === 'extra') {
      // An array's `length` cannot be redefined (a generated key once was "length": the kit threw,
      // not the server); such a key gets a suffix, still one field too many.
      const fixed = Object.getOwnPropertyDescriptor(target, change.key)?.configurable === false;
      Object.defineProperty(target, fixed ? `${change.key}_` : change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (key === undefined) {
      return change.kind === 'set' ? change.value : value;
    } else if (change.kind === 'drop') {
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
    } else {
      (target as Record<string, unknown>)[key] = change.value;
    }
    return value;
  });
}

/** What a hostile or broken client sends for a command whose valid payloads are `valid`. */
export function hostilePayload(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 5, arbitrary: nearValid(valid) },
    { weight: 2, arbitrary: oddValue },
    { weight: 1, arbitrary: anything },
  );
}
