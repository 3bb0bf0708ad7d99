/**
 * Subscribes to host messages (validated with the shared protocol) and says `view/ready` once listening,
 * so the host never sends `graph/init` into the void.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Host } from './host';
import type { HostMessage } from '../protocol/messages';
import { ViewError, ViewReady, createMessage, parseHostMessage } from '../protocol/messages';

export function useHostMessages(host: Host, onMessage: (message: HostMessage) => void): void {
  // The latest handler, so the listener can stay registered once instead of re-subscribing per render.
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    const listener = (event: MessageEvent): void => {
      const parsed = parseHostMessage(event.data);
      if (!parsed.ok) {
        host.post(createMessage(ViewError, { message: `Ignored a message: ${parsed.reason}`.slice(0, 8000) }));
        return;
      }
      try {
        handler.current(parsed.message);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        host.post(createMessage(ViewError, { message: `Failed to apply ${parsed.message.type}: ${message}`.slice(0, 8000) }));
      }
    };
    window.addEventListener('message', listener);
    host.post(createMessage(ViewReady, {}));
    return () => window.removeEventListener('message', listener);
  }, [host]);
}
