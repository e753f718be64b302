import { useEffect, useState, type ReactNode } from 'react';
import { LanguageSwitch } from '../../components/language-switch';
import { PublicAddressWarning } from '../../components/public-address-warning';
import { cameraSupport } from '../../lib/camera';
import { probeRealtime, type RealtimeProbe } from '../../lib/check-socket';
import type { MessageKey } from '../../lib/messages';
import { useT } from '../../stores/language-store';
import { measureServer, type ServerProbe } from './measure-server';
import {
  ADDRESS_LEVEL,
  addressVerdict,
  clockLevel,
  clockOffsetMs,
  median,
  offsetSeconds,
  rttLevel,
  type Level,
} from './verdicts';

const LEVEL_TEXT: Record<Level, MessageKey> = {
  pending: 'check.level.pending',
  good: 'check.level.good',
  warn: 'check.level.warn',
  bad: 'check.level.bad',
};

function CheckRow(props: { id: string; label: string; level: Level; value: ReactNode; detail?: string | undefined }) {
  const t = useT();
  return (
    <li className={`check-row check-row--${props.level}`} data-check={props.id} data-level={props.level}>
      <span className="check-row__state">
        <span className="check-row__dot" aria-hidden="true" />
        {t(LEVEL_TEXT[props.level])}
      </span>
      <span className="check-row__label">{props.label}</span>
      <span className="check-row__value">{props.value}</span>
      {props.detail && <span className="check-row__detail">{props.detail}</span>}
    </li>
  );
}

/**
 * The connection check (/check), opened on a phone or a station at the venue's rehearsal with no
 * sign-in: can this device reach the server, how fast, is its clock right, does realtime work and
 * over which transport, is the page HTTPS, would the camera be allowed, and is this the address
 * the badges point at. It never opens the camera, and it uses its own socket, not the app's.
 */
export default function CheckPage() {
  const t = useT();
  const [run, setRun] = useState(0);
  const [server, setServer] = useState<ServerProbe | null>(null);
  const [realtime, setRealtime] = useState<RealtimeProbe | null>(null);

  useEffect(() => {
    const stop = new AbortController();
    void measureServer(stop.signal).then((r) => !stop.signal.aborted && setServer(r));
    void probeRealtime(stop.signal).then((r) => !stop.signal.aborted && setRealtime(r));
    return () => stop.abort();
  }, [run]);

  const again = () => {
    setServer(null);
    setRealtime(null);
    setRun((n) => n + 1);
  };

  const unknown = t('check.unknown');
  const view = server?.ok ? server.view : null;
  const rtt = server?.ok ? median(server.samples.map((s) => s.rttMs)) : NaN;
  const offset = server?.ok ? clockOffsetMs(server.samples) : NaN;
  const https = location.protocol === 'https:';
  const camera = cameraSupport();
  const address = view ? addressVerdict(view.publicAddress, location.origin) : null;
  // Failed rows that depend on the server say so once, in the first row, and stay red below it.
  const afterServer = (level: Level): Level => (server === null ? 'pending' : server.ok ? level : 'bad');

  return (
    <>
      <header className="app-header app-header--bare">
        <LanguageSwitch />
      </header>
      <main className="page check-page">
        <h1 className="page__title">{t('check.title')}</h1>
        <p className="hint">{t('check.intro')}</p>
        <PublicAddressWarning address={view?.publicAddress ?? null} />
        <ul className="check-list" aria-label={t('check.title')} aria-busy={server === null || realtime === null}>
          <CheckRow
            id="server"
            label={t('check.server')}
            level={afterServer('good')}
            value={server === null ? unknown : server.ok ? t('check.serverOk') : t('check.serverFailed')}
          />
          <CheckRow
            id="rtt"
            label={t('check.rtt')}
            level={afterServer(rttLevel(rtt))}
            value={server?.ok ? t('check.rttValue', { ms: Math.round(rtt), count: server.samples.length }) : unknown}
            detail={server?.ok && rttLevel(rtt) !== 'good' ? t('check.rttSlow') : undefined}
          />
          <CheckRow
            id="clock"
            label={t('check.clock')}
            level={afterServer(clockLevel(offset))}
            value={server?.ok ? t('check.clockValue', { s: offsetSeconds(offset) }) : unknown}
            detail={
              server?.ok && clockLevel(offset) !== 'good'
                ? t('check.clockOff', { s: offsetSeconds(offset) })
                : undefined
            }
          />
          <CheckRow
            id="realtime"
            label={t('check.realtime')}
            level={
              realtime === null
                ? 'pending'
                : !realtime.ok
                  ? 'bad'
                  : realtime.transport === 'websocket'
                    ? 'good'
                    : 'warn'
            }
            value={
              realtime === null
                ? unknown
                : !realtime.ok
                  ? t('check.realtimeFailed')
                  : realtime.transport === 'websocket'
                    ? t('check.realtimeWebsocket')
                    : t('check.realtimePolling')
            }
            detail={realtime?.ok && realtime.transport === 'polling' ? t('check.realtimePollingHint') : undefined}
          />
          <CheckRow
            id="https"
            label={t('check.https')}
            level={https ? (view && !view.secure ? 'warn' : 'good') : 'warn'}
            value={https ? t('check.httpsYes') : t('check.httpsNo')}
            detail={https ? (view && !view.secure ? t('check.httpsProxy') : undefined) : t('check.httpsNoHint')}
          />
          <CheckRow
            id="camera"
            label={t('check.camera')}
            level={camera === 'allowed' ? 'good' : 'warn'}
            value={
              camera === 'allowed'
                ? t('check.cameraYes')
                : camera === 'insecure'
                  ? t('check.cameraInsecure')
                  : t('check.cameraUnsupported')
            }
            detail={camera === 'allowed' ? undefined : t('check.cameraHint')}
          />
          <CheckRow
            id="address"
            label={t('check.address')}
            level={address ? ADDRESS_LEVEL[address] : afterServer('pending')}
            value={view ? <code>{view.publicAddress.url}</code> : unknown}
            detail={
              address === 'here'
                ? t('check.addressHere')
                : address === 'elsewhere'
                  ? t('check.addressElsewhere', { origin: location.origin })
                  : address === 'local'
                    ? t('address.localTitle')
                    : undefined
            }
          />
        </ul>
        <button type="button" className="primary" onClick={again} disabled={server === null || realtime === null}>
          {t('check.again')}
        </button>
      </main>
    </>
  );
}
