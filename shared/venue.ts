/**
 * The venue's wire format: what GET /api/check answers, for the connection check a phone or a
 * station opens at the rehearsal and for the console's warning that badges point nowhere.
 */

export interface PublicAddressView {
  /** The address every link and QR code is built from. */
  url: string;
  https: boolean;
  /** PUBLIC_URL was set (false: the server fell back to this machine's own address). */
  configured: boolean;
  /** Only the server's own machine can open `url` (localhost, 127.x): phones cannot. */
  local: boolean;
}

export interface CheckView {
  /** The server's clock when it answered (ms since the epoch), for the clock offset. */
  serverTime: number;
  protocol: number;
  publicAddress: PublicAddressView;
  /** This request reached the server over HTTPS (directly or through a trusted proxy). */
  secure: boolean;
}
