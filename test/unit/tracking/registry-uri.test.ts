import { describe, expect, it } from 'vitest';
import { parseModelUri, ValidationError } from '../../../src/tracking';
import { validateAliasName, validateModelName } from '../../../src/tracking';

describe('parseModelUri', () => {
  it('reads versions, aliases, latest and runs:/ URIs', () => {
    expect(parseModelUri('models:/spiral-classifier/3')).toEqual({
      kind: 'version',
      name: 'spiral-classifier',
      version: 3,
    });
    expect(parseModelUri('models:/spiral-classifier@champion')).toEqual({
      kind: 'alias',
      name: 'spiral-classifier',
      alias: 'champion',
    });
    expect(parseModelUri('models:/a@b@c')).toEqual({ kind: 'alias', name: 'a@b', alias: 'c' });
    expect(parseModelUri('models:/spiral/latest')).toEqual({ kind: 'latest', name: 'spiral' });
    expect(parseModelUri('models:/spiral/Latest')).toEqual({ kind: 'latest', name: 'spiral' });
    expect(parseModelUri('runs:/abc123/model')).toEqual({ kind: 'run', runId: 'abc123', artifactPath: 'model' });
    expect(parseModelUri('runs:/abc123/nested/model/')).toEqual({
      kind: 'run',
      runId: 'abc123',
      artifactPath: 'nested/model',
    });
  });

  it('rejects malformed URIs with a message that shows the accepted forms', () => {
    for (const bad of [
      'spiral/1',
      'models:/spiral',
      'models:/spiral/0',
      'models:/spiral/Production',
      'models:/a/b/c',
      'models:/@x',
      'models:/x@',
      'runs:/abc',
      'runs://',
    ]) {
      expect(() => parseModelUri(bad), bad).toThrow(ValidationError);
    }
    expect(() => parseModelUri('models:/spiral')).toThrow(/models:\/<name>\/<version>/);
  });
});

describe('registry validation (MLflow rules)', () => {
  it('accepts MLflow alias names and refuses reserved or malformed ones', () => {
    for (const ok of ['champion', 'challenger_2', 'a-b', 'V', 'version1'])
      expect(() => validateAliasName(ok), ok).not.toThrow();
    expect(() => validateAliasName('')).toThrow('cannot be empty');
    expect(() => validateAliasName('latest')).toThrow('reserved');
    expect(() => validateAliasName('LATEST')).toThrow('reserved');
    expect(() => validateAliasName('v3')).toThrow("Version alias name 'v3' is reserved");
    expect(() => validateAliasName('V12')).toThrow('reserved');
    expect(() => validateAliasName('has space')).toThrow('Invalid alias name');
    expect(() => validateAliasName('a.b')).toThrow('Invalid alias name');
    expect(() => validateAliasName('x'.repeat(256))).toThrow('limit is 255');
  });

  it('accepts model names that work as folders and URIs, refuses the rest', () => {
    for (const ok of ['spiral-classifier', 'My model 2', 'a.b_c'])
      expect(() => validateModelName(ok), ok).not.toThrow();
    for (const bad of ['', '   ', 'a/b', 'a\\b', 'c:d', '.', '..', ' lead', 'x'.repeat(257)]) {
      expect(() => validateModelName(bad), bad).toThrow(ValidationError);
    }
  });
});
