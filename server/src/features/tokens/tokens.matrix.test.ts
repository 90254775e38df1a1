import { tokensMatrix } from '../../test/matrices/tokens';
import { describeMatrix } from '../../test/matrix';

/** Who may manage personal API tokens (their own): `test/matrices/tokens.ts`. */
describeMatrix(tokensMatrix);
