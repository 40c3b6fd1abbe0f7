import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as extApps from '@modelcontextprotocol/ext-apps/server';
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from './result-view.ts';

describe('result view: MCP Apps names', () => {
  it('the mime type and _meta key are the ones @modelcontextprotocol/ext-apps defines', () => {
    assert.equal(RESOURCE_MIME_TYPE, extApps.RESOURCE_MIME_TYPE);
    assert.equal(RESOURCE_URI_META_KEY, extApps.RESOURCE_URI_META_KEY);
  });
});
