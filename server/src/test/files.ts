import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { crc32 } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** Files for upload tests: real samples built in memory, multipart bodies, a data directory to look into. */

/** A fresh DATA_DIR for one test app; `remove` deletes it. */
export async function tempDataDir() {
  const path = await mkdtemp(join(tmpdir(), 'atelier-resources-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Every file below `folder` (relative paths), or [] when the folder does not exist. */
export async function filesUnder(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(folder, join(e.parentPath, e.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A zip archive with stored (uncompressed) entries, in the given order. */
export function zip(entries: { name: string; data: string | Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CT = 'application/vnd.openxmlformats-officedocument';

/** An OOXML package laid out as Office writes it: [Content_Types].xml first, then the parts. */
function ooxml(
  mainPart: string,
  mainType: string,
  main = '<?xml version="1.0" encoding="UTF-8"?><root>Compte rendu du chantier</root>',
) {
  return zip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${mainPart}" ContentType="${mainType}"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${mainPart}"/></Relationships>`,
    },
    { name: mainPart, data: main },
  ]);
}

/** An ODF package: an uncompressed `mimetype` entry first, as the standard requires. */
function odf(mimeType: string, content = '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>') {
  return zip([
    { name: 'mimetype', data: mimeType },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>' },
    { name: 'content.xml', data: content },
  ]);
}

const escapeXml = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);

/** Documents that hold text, one paragraph per string, as a word processor writes the least of them. */
export const documentsWithText = {
  docx: (paragraphs: string[]) =>
    ooxml(
      'word/document.xml',
      `${CT}.wordprocessingml.document.main+xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
        .map((text) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`)
        .join('')}</w:body></w:document>`,
    ),
  odt: (paragraphs: string[]) =>
    odf(
      'application/vnd.oasis.opendocument.text',
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>${paragraphs
        .map((text) => `<text:p>${escapeXml(text)}</text:p>`)
        .join('')}</office:text></office:body></office:document-content>`,
    ),
  /** A one-page PDF drawn by pdf-lib in Helvetica (WinAnsi: French accents, no more). */
  pdf: async (lines: string[]) => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    const page = document.addPage([595, 842]);
    for (const [index, line] of lines.entries()) page.drawText(line, { x: 50, y: 780 - index * 20, size: 12, font });
    return Buffer.from(await document.save());
  },
};

const image = (format: 'png' | 'jpeg' | 'webp' | 'gif', width = 1200, height = 800) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 140, b: 90 } } })
    .toFormat(format)
    .toBuffer();

export const samples = {
  pdf: () =>
    Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    ),
  png: (width?: number, height?: number) => image('png', width, height),
  jpeg: () => image('jpeg'),
  webp: () => image('webp'),
  gif: () => image('gif', 300, 200),
  docx: () => ooxml('word/document.xml', `${CT}.wordprocessingml.document.main+xml`),
  xlsx: () => ooxml('xl/workbook.xml', `${CT}.spreadsheetml.sheet.main+xml`),
  pptx: () => ooxml('ppt/presentation.xml', `${CT}.presentationml.presentation.main+xml`),
  /** A Word document with macros: zip-based like docx, but not an allowed type. */
  docm: () => ooxml('word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'),
  odt: () => odf('application/vnd.oasis.opendocument.text'),
  ods: () => odf('application/vnd.oasis.opendocument.spreadsheet'),
  odp: () => odf('application/vnd.oasis.opendocument.presentation'),
  plainZip: () => zip([{ name: 'notes.txt', data: 'rien de spécial' }]),
  /** The start of a Windows executable (MZ header, PE signature). */
  exe: () => {
    const bytes = Buffer.alloc(512);
    bytes.write('MZ', 0, 'latin1');
    bytes.writeUInt32LE(0x80, 0x3c);
    bytes.write('PE\0\0', 0x80, 'latin1');
    return bytes;
  },
  html: () => Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'),
  svg: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  text: () => Buffer.from('Bonjour, ceci est un simple texte.\n'),
};

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  content: Buffer | string;
}

/** A multipart/form-data body and its Content-Type header, as a browser's FormData sends it. */
export function multipart(parts: Part[]) {
  const boundary = `----atelier${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename =
      part.filename === undefined
        ? ''
        : // A quoted-string: quotes and backslashes as quoted pairs, line breaks as browsers encode them.
          `; filename="${part.filename.replace(/["\\]/g, (c) => `\\${c}`).replace(/[\r\n]/g, (c) => encodeURIComponent(c))}"`;
    const type =
      part.filename === undefined ? '' : `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`),
    );
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
