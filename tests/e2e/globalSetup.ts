/**
 * One Vite dev server for every browser test file that uses one (withChromiumAndDevServer): each
 * file started its own before, and each first page load compiled the app's modules again.
 * Tests only read from it, and each file's pages still come and go with the file.
 */
import { createServer, type ViteDevServer } from 'vite';
import type { TestProject } from 'vitest/node';

/** Under this key the tests are given the dev server's address. */
export const DEV_SERVER_KEY = 'handshakeDevServer';

declare module 'vitest' {
  export interface ProvidedContext {
    [DEV_SERVER_KEY]: string;
  }
}

/** A dev server of the app on a free port. */
export async function startDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  await server.listen();
  return { server, url: server.resolvedUrls!.local[0]! };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, url } = await startDevServer();
  project.provide(DEV_SERVER_KEY, url);
  return () => server.close();
}
