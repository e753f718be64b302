/** "13:02" in the event's time zone: the door and the phones agree whatever the device's zone. */
export function formatTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}
