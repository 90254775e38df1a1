import { messagesMatrix } from '../../test/matrices/messages';
import { describeMatrix } from '../../test/matrix';

/** The authorisation matrix of direct messages, from `test/matrices/messages.ts`. */

describeMatrix(messagesMatrix);
