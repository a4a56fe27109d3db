// Reads the shipped model contract from models/ (Node side).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModelSpec, type ModelSpec } from '../../src/core/model-spec.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS_DIR = join(REPO_ROOT, 'models');

export function loadModelSpec(path = join(MODELS_DIR, 'model.json')): ModelSpec {
  return parseModelSpec(JSON.parse(readFileSync(path, 'utf8')));
}
