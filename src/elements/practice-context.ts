// The practice session, provided once by the root (jt-app) to every view under it, however deep:
// the context protocol in small (no dependency). A view's controller asks with a composed event
// when the view connects; the root answers with its session.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelSpec } from '../core/model-spec.ts';
import type { PracticeSession } from '../platform/practice-session.ts';

const REQUEST = 'practice-session-request';

class PracticeSessionRequest extends Event {
  session: PracticeSession | null = null;

  constructor() {
    super(REQUEST, { bubbles: true, composed: true });
  }
}

/** Answers every view under `root` with the session `current()` returns (null before it starts). */
export function providePracticeSession(root: HTMLElement, current: () => PracticeSession | null): void {
  root.addEventListener(REQUEST, (event) => {
    if (!(event instanceof PracticeSessionRequest)) return;
    event.stopPropagation();
    event.session = current();
  });
}

/** A view's handle on the provided session; `session` is null outside a provider or before the session starts. */
export class PracticeSessionConsumer implements ReactiveController {
  session: PracticeSession | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onSession: (session: PracticeSession | null) => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const request = new PracticeSessionRequest();
    this.host.dispatchEvent(request);
    if (request.session === this.session) return;
    this.session = request.session;
    this.onSession(this.session);
    this.host.requestUpdate();
  }

  /** The shipped model's contract, as the worker read it. */
  modelSpec(): Promise<ModelSpec> {
    if (!this.session) return Promise.reject(new Error('The recogniser has not started.'));
    return this.session.modelSpec();
  }
}
