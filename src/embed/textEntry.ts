/**
 * tcp-handshake-text.js: the reader of a run's text (src/player/runText.ts), a classic script of its
 * own beside tcp-handshake.js. The element loads it only where a page has a run written as text (a
 * ```tcp block, or text inside <tcp-handshake>), so a post that embeds only lessons never downloads
 * it; a classic script needs no CORS from the host that serves it.
 */
export { checkExpectations, parseRunText, RunTextError } from '../player/runText';
