import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/**
 * The headers @fastify/helmet sends with `options`, worked out once at start-up: helmet's configuration is the same
 * for every route here (no per-route options, no CSP nonces), but the plugin builds a new helmet middleware, and
 * parses the CSP directives again, on every request. Two throwaway Fastify instances answer one request each, with
 * and without the plugin; the headers only the first sends are helmet's.
 */
export async function securityHeadersOf(options: FastifyHelmetOptions): Promise<Array<[string, string]>> {
  const answer = async (withHelmet: boolean) => {
    const probe = Fastify({ logger: false });
    if (withHelmet) await probe.register(helmet, options);
    probe.get('/', () => '');
    try {
      return (await probe.inject({ method: 'GET', url: '/' })).headers;
    } finally {
      await probe.close();
    }
  };
  const [secured, plain] = await Promise.all([answer(true), answer(false)]);
  return Object.entries(secured)
    .filter(([name]) => !(name in plain))
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]);
}
