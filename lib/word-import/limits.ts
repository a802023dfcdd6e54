/** Largest Word file accepted for import (the server's request limit is 1 MiB). Pure: the upload form reads it too. */
export const MAX_WORD_FILE_BYTES = 1_000_000;
