import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

/*
 * The YAML 1.2 core schema exactly as the `yaml` library resolves plain scalars (its schema/core/*.js, version 2),
 * for js-yaml, whose own schemas differ: its default one is YAML 1.1-ish (timestamps become Dates, `<<` merges),
 * and even its core schema accepts `1_000`, `0b1010` and `+.5` as numbers and reads `-0` as 0. The same patterns,
 * in the same order, and the same conversions (parseInt/parseFloat) give the same values, so `on`, `yes`,
 * `2001-01-01` and `1_000` stay strings, `0755` is the decimal 755, and `<<` is an ordinary key.
 */

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/*
 * Most plain scalars in a manifest are names, and js-yaml tries every implicit type on each of them: eight regular
 * expressions for `node-0`. Each type first looks at the one character every one of its patterns can start with.
 */
const mayBeNull = (data: string): boolean => {
  const first = data.charCodeAt(0);
  return Number.isNaN(first) || first === 0x7e || first === 0x6e || first === 0x4e; // ~ n N
};
const mayBeBool = (data: string): boolean => {
  const first = data.charCodeAt(0) | 0x20; // lower case
  return first === 0x74 || first === 0x66; // t f
};
const mayBeNumber = (data: string): boolean => {
  const first = data.charCodeAt(0);
  return (first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e; // 0-9 - + .
};

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string) => mayBeNull(data) && NULL.test(data),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => mayBeBool(data) && BOOL.test(data),
  construct: (data: string) => data[0] === 't' || data[0] === 'T',
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string) => mayBeNumber(data) && (INT_OCT.test(data) || INT.test(data) || INT_HEX.test(data)),
  construct: (data: string): number => {
    if (INT_OCT.test(data)) return parseInt(data.substring(2), 8);
    if (INT.test(data)) return parseInt(data, 10);
    return parseInt(data.substring(2), 16);
  },
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => mayBeNumber(data) && (FLOAT_NAN.test(data) || FLOAT_EXP.test(data) || FLOAT.test(data)),
  construct: (data: string): number => {
    if (!FLOAT_NAN.test(data)) return parseFloat(data);
    if (data.slice(-3).toLowerCase() === 'nan') return NaN;
    return data[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
});

/** Strings, sequences and mappings (failsafe) plus the core schema's implicit scalars, nothing else. */
export const CORE_SCHEMA_AS_YAML: Schema = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
