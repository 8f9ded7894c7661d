import { describe, expect, it } from 'vitest';
import { normaliseServerUrl } from './server-url';

describe('normaliseServerUrl', () => {
  it('makes an address canonical', () => {
    expect(normaliseServerUrl(' https://Kesher.Example.com/ ')).toBe('https://kesher.example.com');
    expect(normaliseServerUrl('kesher.example.com')).toBe('https://kesher.example.com');
    expect(normaliseServerUrl('https://example.com/kesher//')).toBe('https://example.com/kesher');
    expect(normaliseServerUrl('https://example.com:8443')).toBe('https://example.com:8443');
  });

  it('allows http only to this computer', () => {
    expect(normaliseServerUrl('localhost:8787')).toBe('http://localhost:8787');
    expect(normaliseServerUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(normaliseServerUrl('[::1]:8787')).toBe('http://[::1]:8787');
    expect(() => normaliseServerUrl('http://kesher.example.com')).toThrow(/https:\/\//);
    expect(() => normaliseServerUrl('http://localhost.evil.com')).toThrow(/https:\/\//);
  });

  it('refuses what is not a plain server address, with a sentence', () => {
    expect(() => normaliseServerUrl('')).toThrow(/Enter the sync server's address/);
    expect(() => normaliseServerUrl('ftp://example.com')).toThrow(/https:\/\//);
    expect(() => normaliseServerUrl('https://user:pw@example.com')).toThrow(
      /user name and password/,
    );
    expect(() => normaliseServerUrl('https://example.com/?team=1')).toThrow(/"\?" or "#"/);
    expect(() => normaliseServerUrl('https://exa mple.com')).toThrow(/not a web address/);
  });
});
