import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The OpenAPI document names each schema after its DTO class: two classes of one name with different fields make
 * @nestjs/swagger keep one schema for both (it warns "Duplicate DTO detected"), and the document then describes one
 * route's body or answer wrongly. Every DTO class name is therefore unique across src/.
 */
describe('DTO class names', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));

  it('are unique across the source tree', () => {
    const seen = new Map<string, string[]>();
    for (const file of files('src')) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/^(?:export )?class ([A-Za-z0-9]+Dto)\b/gm)) seen.set(name!, [...(seen.get(name!) ?? []), file]);
    }
    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
