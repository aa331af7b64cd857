/** Serving a build's output over HTTP, as a static host would, with a record of what was sent and when. */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileForUrl } from '../budgets.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.wasm': 'application/wasm', '.png': 'image/png', '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
/** Text that a host would gzip; Pagefind's own files (.pf_*, wasm.*.pagefind) are gzip inside already. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.md', '.webmanifest']);

export interface Served {
  path: string;
  bytes: number;
  /** performance.now() when it was sent. */
  at: number;
}

export interface SiteServer {
  origin: string;
  base: string;
  served: Served[];
  close(): Promise<void>;
}

/** A static host for the build on 127.0.0.1: base path, `dir/` → `dir/index.html`, gzip for text, 404.html. */
export function serve(outDir: string, base: string, port: number): Promise<SiteServer> {
  const served: Served[] = [];
  const gzipped = new Map<string, Buffer>();
  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    let file = pathname.startsWith(base) ? fileForUrl(outDir, pathname, base) : undefined;
    let status = 200;
    if (file && !path.extname(file) && existsSync(path.join(file, 'index.html'))) file = path.join(file, 'index.html');
    let body: Buffer | undefined = file && existsSync(file) && (await stat(file)).isFile() ? await readFile(file) : undefined;
    if (!body) {
      status = 404;
      file = path.join(outDir, '404.html');
      body = existsSync(file) ? await readFile(file) : Buffer.from('not found');
    }
    const ext = path.extname(file!).toLowerCase();
    const headers: http.OutgoingHttpHeaders = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      if (!gzipped.has(file!)) gzipped.set(file!, gzipSync(body));
      body = gzipped.get(file!)!;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    served.push({ path: pathname, bytes: body.length, at: performance.now() });
    response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${port}`,
        base,
        served,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
