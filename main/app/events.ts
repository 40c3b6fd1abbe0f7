import type { EventName, EventPayload } from '../kernel/contract.ts';

/** Receives every event; shells forward them (IPC `webContents.send`, Server-Sent Events). */
export type EventSink = (event: EventName, payload: unknown) => void;

/** The app's typed event bus: state changes, reset progress, new log lines. */
export class AppEvents {
  private readonly sinks = new Set<EventSink>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const sink of [...this.sinks]) {
      try {
        sink(event, payload);
      } catch {
        // A broken subscriber (closed window, dropped stream) must not stop the others.
      }
    }
  }

  /** Adds a sink; returns the function that removes it. */
  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  get size(): number {
    return this.sinks.size;
  }
}
