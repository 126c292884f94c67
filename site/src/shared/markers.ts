/** The course's single key-idea marker: lines of lesson code that carry an idea end with it. */
export const KEY_MARKER = '//#!#//';
