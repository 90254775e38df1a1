import { OfficeParser } from 'officeparser';
import { type ChildMessage, type ExtractionRequest, toSearchableText } from './text-extraction';

/**
 * The child process `createTextExtractor` starts: reads one document at a time with
 * officeparser and answers its text, already normalised and cut to size, so that no more than
 * that crosses back. The parent kills it when a document takes too long; it ends itself when the
 * parent is gone.
 */

const describe = (error: unknown) => {
  const code = (error as { officeIssue?: { code?: string } }).officeIssue?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (code ? `${code}: ${message}` : message).slice(0, 500);
};

async function extract(request: ExtractionRequest): Promise<string> {
  const ast = await OfficeParser.parseOffice(request.bytes, {
    fileType: request.fileType,
    // Text only: no images, no OCR, no raw XML kept, no page geometry; slide masters hold
    // placeholder text (« Cliquez pour modifier le style du titre »), not the presentation's.
    extractAttachments: false,
    ocr: false,
    serializeRawContent: false,
    ignorePageGeometry: true,
    ignoreSlideMasters: true,
    // pdf.js runs here: this process is already the isolation officeparser's own would give.
    pdfParserConfig: { separateProcess: false, extractTextColor: false },
  });
  const { value } = await ast.to('text', { includeImages: 'none', textConfig: { preserveLayout: false } });
  return toSearchableText(typeof value === 'string' ? value : '', request.maxTextBytes);
}

const send = (message: ChildMessage) => process.send?.(message);

process.on('message', (request: ExtractionRequest) => {
  extract(request).then(
    (text) => send({ id: request.id, ok: true, text }),
    (error: unknown) => send({ id: request.id, ok: false, reason: describe(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
// officeparser is loaded (pdf.js is, at the first PDF): documents may come.
send({ ready: true });
