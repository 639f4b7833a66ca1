// The live channel: the WebSocket /api/v1/live/ws, reconnecting and resuming from the last message
// id it got; where the host offers no WebSocket, the caller polls instead (onUnavailable).
import { token, url } from './api.js';

const RETRY_MS = [500, 1000, 2000, 5000];

export class Live {
  /**
   * @param subscriptions [{id, household, devices?, sensors?, kinds?}]
   * @param handlers {message(kind, data, id), unavailable(), status(text)}
   */
  constructor(subscriptions, handlers) {
    this.subscriptions = subscriptions;
    this.handlers = handlers;
    this.last = null;
    this.attempt = 0;
    this.closed = false;
    this.everOpen = false;
    this.open();
  }

  open() {
    const address = url('api/v1/live/ws').replace(/^http/, 'ws');
    const socket = new WebSocket(new URL(address, location.href).href);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: token() }));
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = (event) => this.closedBy(event);
  }

  receive(message) {
    switch (message.type) {
      case 'welcome':
        this.everOpen = true;
        this.attempt = 0;
        this.subscriptions.forEach((s) => this.socket.send(JSON.stringify({ type: 'subscribe', ...s })));
        if (this.last !== null) {
          this.socket.send(JSON.stringify({ type: 'resume', after: this.last }));
        }
        this.handlers.status('live');
        break;
      case 'message':
        this.last = message.id;
        this.handlers.message(message.kind, message.data, message.id);
        break;
      case 'gap':
        // what was missed is gone from the server's window: the page reloads its state instead
        this.handlers.gap && this.handlers.gap();
        break;
      case 'error':
      case 'revoked':
        this.handlers.status((message.field ? message.field + ': ' : '') + message.reason);
        break;
      default:
        break;
    }
  }

  closedBy(event) {
    if (this.closed) {
      return;
    }
    if (!this.everOpen && this.attempt >= 1) {
      // never got in: no WebSocket here (or refused); polling keeps the page current
      this.handlers.unavailable();
      return;
    }
    if (event.code === 1008) {
      this.handlers.status('live channel refused: ' + event.reason);
      this.handlers.unavailable();
      return;
    }
    const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
    this.attempt += 1;
    this.handlers.status('reconnecting …');
    this.retry = setTimeout(() => this.open(), wait);
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    if (this.socket) {
      this.socket.close();
    }
  }
}
