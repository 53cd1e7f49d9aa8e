// A tiny static file server for a built site, on loopback only.
//
// Serves files from `root` with correct content types; a folder URL serves its
// index.html (a folder URL without the trailing slash is redirected to it);
// anything missing gets the site's 404.html with status 404. Never serves a
// file outside `root`.

import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** The content type for a file name. */
export function contentType(file) {
  const ext = path.extname(file).toLowerCase();
  if (TYPES[ext]) return TYPES[ext];
  // pagefind's index files and other extensionless/binary files
  return 'application/octet-stream';
}

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s;
  } catch {
    return null;
  }
}

/**
 * Starts serving `root` on 127.0.0.1 at a random free port.
 * Resolves to { url, port, close(), requests } where `url` ends with "/".
 */
export async function serve(root) {
  const base = path.resolve(root);
  const requests = [];

  const server = http.createServer(async (req, res) => {
    try {
      await handle(req, res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    }
  });

  async function send(res, file, status, method) {
    const s = await fileAt(file);
    res.writeHead(status, {
      'content-type': contentType(file),
      'content-length': s.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }

  async function notFound(res, method) {
    const page = path.join(base, '404.html');
    if (await fileAt(page)) return send(res, page, 404, method);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('404 not found');
  }

  async function handle(req, res) {
    const method = req.method ?? 'GET';
    requests.push({ method, url: req.url });
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return notFound(res, method);
    }
    if (rel.includes('\0')) return notFound(res, method);
    let file = path.resolve(base, '.' + path.posix.normalize(rel));
    if (file !== base && !file.startsWith(base + path.sep)) return notFound(res, method);
    let s = await fileAt(file);
    if (s?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      file = path.join(file, 'index.html');
      s = await fileAt(file);
    }
    if (!s?.isFile()) return notFound(res, method);
    return send(res, file, 200, method);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
