import { describe, expect, it } from 'vitest';
import { personNameFromEmail, suggestCustomer } from './suggest';

describe('suggestCustomer', () => {
  it('suggests a company from a business domain', () => {
    expect(suggestCustomer('dana.levi@mail.acme-tools.co.il', 'Dana Levi', [])).toEqual({
      kind: 'company',
      personName: 'Dana Levi',
      companyName: 'Acme Tools',
      domain: 'acme-tools.co.il',
      email: 'dana.levi@mail.acme-tools.co.il',
    });
  });

  it('suggests a person, without a company, for free-mail', () => {
    expect(suggestCustomer('dana.levi@walla.co.il', '', [])).toEqual({
      kind: 'person',
      personName: 'Dana Levi',
      email: 'dana.levi@walla.co.il',
    });
    expect(suggestCustomer('j@partner-isp.lv', 'Jānis', ['partner-isp.lv']).kind).toBe('person');
  });

  it('keeps a Hebrew display name', () => {
    expect(suggestCustomer('dana@acme.co.il', 'דנה לוי', []).personName).toBe('דנה לוי');
  });
});

describe('personNameFromEmail', () => {
  it('title-cases the local part without its plus tag', () => {
    expect(personNameFromEmail('dana.levi@acme.co.il')).toBe('Dana Levi');
    expect(personNameFromEmail('ilze_berzina+crm@inbox.lv')).toBe('Ilze Berzina');
    expect(personNameFromEmail('---@acme.lv')).toBe('---');
  });
});
