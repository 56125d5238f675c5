/**
 * The version of the page reader. Raise it when a change of the reading modules changes what
 * they find: the reconciler then reads every envelope again with the new reader.
 */
export const READER_VERSION = 2;
