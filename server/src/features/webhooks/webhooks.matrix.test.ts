import { webhooksMatrix } from '../../test/matrices/webhooks';
import { describeMatrix } from '../../test/matrix';

/** Who may manage a space's webhooks: `test/matrices/webhooks.ts`. */
describeMatrix(webhooksMatrix);
