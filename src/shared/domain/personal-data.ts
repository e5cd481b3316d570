/**
 * A personal field as stored in events and read models: AES-256-GCM ciphertext under its data subject's key
 * (DOMAIN.md 5.8). Sealing and opening happen outside the domain (src/privacy).
 */
export type EncryptedValue = {
  /** Id of the data subject's key (`<subjectId>#<n>`). */
  keyId: string;
  alg: 'A256GCM';
  /** 96-bit IV, fresh for every value, base64url. */
  iv: string;
  /** Ciphertext followed by the 128-bit tag, base64url. */
  ct: string;
};
