import { afterEach, describe, expect, it, vi } from 'vitest';
import { memberApi } from '.';
import { ApiError, apiUrl, encodeQueryValue, setCsrfToken, withQuery } from './client';

describe('query strings', () => {
  it('leaves out empty values and keeps the order', () => {
    expect(withQuery('/x', { a: 1, b: '', c: null, d: undefined, e: 'y' })).toBe('/x?a=1&e=y');
    expect(withQuery('/x', {})).toBe('/x');
    expect(withQuery('/x')).toBe('/x');
    expect(apiUrl('/members', { org: 7 })).toBe('/api/v1/members?org=7');
  });
  it('encodes everything but the unreserved characters (the server refuses a raw * or comma)', () => {
    expect(encodeQueryValue("a*'()!,~-._")).toBe('a%2A%27%28%29%21%2C~-._');
    expect(encodeQueryValue('nguyễn văn')).toBe('nguy%E1%BB%85n%20v%C4%83n');
    expect(encodeQueryValue('a&b=c')).toBe('a%26b%3Dc');
  });
});

describe('export links', () => {
  it('carry the list filter, the format and the layout, without paging', () => {
    const url = memberApi.exportUrl(
      { org: 17, q: 'nguyen van', status: 'official,probationary', gender: 'female', age_min: 31, age_max: 40, ethnicity: 'Tày', limit: 50, cursor: 'abc' },
      'xlsx',
      'list',
    );
    expect(url).toBe(
      '/api/v1/members/export?org=17&q=nguyen%20van&status=official%2Cprobationary&gender=female&age_min=31&age_max=40&ethnicity=T%C3%A0y&format=xlsx&layout=list',
    );
  });
  it('leave out the filters that are not set', () => {
    expect(memberApi.exportUrl({ org: 5 }, 'csv', 'list')).toBe('/api/v1/members/export?org=5&format=csv&layout=list');
    expect(memberApi.exportUrl({ org: 5, age_max: 30 }, 'xlsx', 'book')).toBe('/api/v1/members/export?org=5&age_max=30&format=xlsx&layout=book');
    expect(memberApi.importTemplateUrl()).toBe('/api/v1/members/import-template');
  });
});

describe('file upload', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken('');
  });
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it('sends the file as the raw body with the CSRF token', async () => {
    const fetchMock = vi.fn(async () => json(200, { applied: false }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok');
    const file = new Blob(['Họ và tên,Giới tính,Ngày sinh\r\n']);
    await memberApi.importFile(17, file, false);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/orgs/17/members/import?dry_run=1&skip_invalid=0');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': 'tok' });
    await memberApi.importFile(17, file, true, true);
    expect((fetchMock.mock.calls[1] as unknown as [string])[0]).toBe('/api/v1/orgs/17/members/import?dry_run=0&skip_invalid=1');
  });

  it("turns a refusal into an ApiError with the server's message and field", async () => {
    const message = 'Thiếu cột bắt buộc "Giới tính".';
    vi.stubGlobal('fetch', vi.fn(async () => json(422, { error: { code: 'invalid', message, field: 'file', fields: { file: message } } })));
    const err = await memberApi.importFile(17, new Blob(['x']), false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, message, field: 'file' });
  });
});
