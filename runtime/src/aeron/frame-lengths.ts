/**
 * The fixed lengths of the control frames, and the flags each control type defines. (The DATA
 * header's layout and flags are in data-header.ts.)
 */
export const NAK_LENGTH = 28;
export const SM_LENGTH = 36;
export const SM_WITH_GROUP_TAG_LENGTH = 44;
export const ERR_HEADER_LENGTH = 40;
export const SETUP_LENGTH = 40;
export const RTTM_LENGTH = 40;
export const RSP_SETUP_LENGTH = 20;

export const StatusFlags = { SEND_SETUP: 0x80, EOS: 0x40 } as const;
export const SetupFlags = { SEND_RESPONSE: 0x80 } as const;
export const RttmFlags = { REPLY: 0x80 } as const;
