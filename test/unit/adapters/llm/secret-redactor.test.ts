import { redactedMark, redactSecrets } from '../../../../adapters/llm/secret-redactor';

describe('redactSecrets', () => {
  it.each([
    [
      'an Azure OpenAI key (32 hex)',
      'the key 0a1b2c3d4e5f60718293a4b5c6d7e8f9 fails',
      '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    ],
    [
      'a storage account key in a connection string',
      'DefaultEndpointsProtocol=https;AccountName=stprod;AccountKey=abc/DEF+ghi==;EndpointSuffix=core.windows.net',
      'abc/DEF+ghi==',
    ],
    ['a named password', 'login with password: hunter2 please', 'hunter2'],
    ['an api-key header', 'curl -H "api-key: s3cr3t-value" ...', 's3cr3t-value'],
    ['a SAS signature', 'https://st.blob.core.windows.net/c?sv=2024&sig=AbCd%2Bef&se=2026', 'AbCd%2Bef'],
    [
      'a bearer JWT',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'eyJhbGciOiJIUzI1NiJ9',
    ],
  ])('hides %s', (_name, text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(redactedMark);
  });

  it('leaves resource names, GUIDs, numbers and ordinary words alone', () => {
    const text =
      'scale fraud-detection blue to 6 on aml-prod-eus2-ai-01, subscription 3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, the token expired at 03:00';
    expect(redactSecrets(text)).toBe(text);
  });
});
