import { documentsMatrix } from '../../test/matrices/documents';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of documents: every route × every kind of person × every
 * visibility, with the status each must get, from `test/matrices/documents.ts`.
 */

describeMatrix(documentsMatrix);
