import { discussionsMatrix } from '../../test/matrices/discussions';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of discussions: every route × every kind of person × every
 * visibility, with the status each must get, from `test/matrices/discussions.ts`.
 */

describeMatrix(discussionsMatrix);
