/** `offer` results that are not positions (negative, as in Aeron). */
export const NOT_CONNECTED = -1n;
export const BACK_PRESSURED = -2n;
export const CLOSED = -4n;
export const MAX_POSITION_EXCEEDED = -5n;
