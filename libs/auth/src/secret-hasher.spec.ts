import { hashSecret, verifySecret } from './secret-hasher.js';

describe('secret hasher', () => {
  it('verifies the secret it hashed and nothing else', async () => {
    const stored = await hashSecret('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifySecret('correct horse', stored)).resolves.toBe(true);
    await expect(verifySecret('correct horsf', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashSecret('same')).not.toEqual(await hashSecret('same'));
  });

  it('rejects a stored value it does not understand', async () => {
    await expect(verifySecret('x', 'md5$abc')).resolves.toBe(false);
  });
});
