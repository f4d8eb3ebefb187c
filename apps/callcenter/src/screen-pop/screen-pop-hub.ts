import { Injectable } from '@nestjs/common';

type Listener = () => void;

/**
 * Wakes the SSE streams of one agent in this process when a pop for them was stored here. Pops stored by
 * another instance reach the stream through its periodic poll, so the hub is a shortcut, not the source.
 */
@Injectable()
export class ScreenPopHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(agentId: string, listener: Listener): () => void {
    const set = this.listeners.get(agentId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(agentId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(agentId);
    };
  }

  notify(agentId: string): void {
    for (const listener of this.listeners.get(agentId) ?? []) listener();
  }
}
