/** The sorted registry of built-in rules: key === file name === meta.id. */
import type { AnyRule } from '../engine/rule.js';
import duplicateKey from './duplicate-key.js';
import jsonSyntax from './json-syntax.js';
import policyStructure from './policy-structure.js';

export const builtinRules: readonly AnyRule[] = [duplicateKey, jsonSyntax, policyStructure];
