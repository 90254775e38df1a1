import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3 {
  url: string;
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * An in-process stand-in for an S3-compatible store (path-style addressing): enough of
 * PutObject, GetObject and DeleteObject for the real AWS client to talk to, on 127.0.0.1.
 */
export async function startFakeS3(): Promise<FakeS3> {
  const objects: FakeS3['objects'] = new Map();
  const requests: FakeS3['requests'] = [];
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://s3.local').pathname);
    requests.push({ method: request.method ?? '', path, authorization: request.headers.authorization });
    if (request.method === 'PUT') {
      objects.set(path, { body: await readBody(request), contentType: request.headers['content-type'] });
      response.writeHead(200, { etag: '"fake"' }).end();
      return;
    }
    if (request.method === 'GET') {
      const found = objects.get(path);
      if (!found) {
        response
          .writeHead(404, { 'content-type': 'application/xml' })
          .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
        return;
      }
      response
        .writeHead(200, {
          'content-type': found.contentType ?? 'application/octet-stream',
          'content-length': found.body.length,
        })
        .end(found.body);
      return;
    }
    if (request.method === 'DELETE') {
      objects.delete(path);
      response.writeHead(204).end();
      return;
    }
    response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
