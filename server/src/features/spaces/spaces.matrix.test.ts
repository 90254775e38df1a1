import { spacesMatrix } from '../../test/matrices/spaces';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of spaces: every space route × every kind of person (a pending
 * applicant among them) × every visibility, with the status each must get, from
 * `test/matrices/spaces.ts`. `GET /spaces` also checks who finds the space listed.
 */

describeMatrix(spacesMatrix);
