import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { bridgeSettingsSchema, loadBridgeSettings } from './bridge-settings.ts';
import { ZavaError } from '../errors.ts';
import { dataPaths } from './paths.ts';
import { SettingsFile } from './settings-file.ts';
import { defaultSettings, mergeSettings } from './settings-schema.ts';
import { tempDir } from '../../../test/helpers/temp-dirs.ts';

const tempFile = () => path.join(tempDir('zava-settings-'), 'settings.json');

describe('settings', () => {
  test('defaults: seattle, offline embeddings, HTTP off', () => {
    const s = defaultSettings();
    assert.equal(s.identity, 'seattle');
    assert.equal(s.embeddings.provider, 'local');
    assert.equal(s.http.enabled, false);
    assert.equal(s.database.firstRunScale, 'default');
  });

  test('the bridge section matches what bridges read (same shape, same defaults)', () => {
    assert.deepEqual(bridgeSettingsSchema.parse({}), defaultSettings().bridge);
  });

  test('a saved bridge setting reaches a bridge process', () => {
    const file = tempFile();
    new SettingsFile(file).update({ bridge: { rowCap: 123, pool: { max: 7 } } });
    const paths = { ...dataPaths(path.dirname(file)), settings: file };
    const bridge = loadBridgeSettings(paths, {});
    assert.equal(bridge.rowCap, 123);
    assert.equal(bridge.pool.max, 7);
    assert.equal(bridge.pool.min, 0, 'a nested patch keeps its siblings');
  });

  test('merging validates and names the bad field; null clears an optional value', () => {
    const s = mergeSettings(defaultSettings(), { database: { port: 6543 } });
    assert.equal(s.database.port, 6543);
    assert.equal(mergeSettings(s, { database: { port: null } }).database.port, undefined);
    assert.throws(() => mergeSettings(s, { bridge: { rowCap: -1 } }), (e: ZavaError) => e.code === 'VALIDATION_ERROR' && /bridge\.rowCap/.test(e.message));
  });

  test('writes 0600 JSON atomically and keeps keys written by others', () => {
    const file = tempFile();
    fs.writeFileSync(file, JSON.stringify({ identity: 'tacoma', search: { custom: true } }));
    const settings = new SettingsFile(file);
    assert.equal(settings.read().identity, 'tacoma');
    settings.update({ theme: 'dark' });
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(raw.theme, 'dark');
    assert.deepEqual(raw.search, { custom: true });
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  test('a corrupt file is set aside and the defaults apply', () => {
    const file = tempFile();
    fs.writeFileSync(file, '{not json');
    assert.equal(new SettingsFile(file).read().identity, 'seattle');
    assert.ok(fs.existsSync(`${file}.bad`));
  });
});
