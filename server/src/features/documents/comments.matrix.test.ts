import { commentsMatrix } from '../../test/matrices/comments';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of document comments: every route × every kind of person × every
 * visibility, with the status each must get, from `test/matrices/comments.ts`.
 */

describeMatrix(commentsMatrix);
