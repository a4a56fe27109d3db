// The teach view's saved heads, a small service over storage for the view: the list, the one in use
// in practice, and what a person does with them (save a new one, use, stop, export, delete,
// import a file checked in a worker against the shipped model). Each action resolves with the
// line to tell the person and throws with what went wrong; the view shows either.
import type { ReactiveControllerHost } from 'lit';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { download } from '../platform/download.ts';
import { checkHeadInWorker } from '../platform/zip-import-client.ts';
import { deleteHead, exportHead, listHeads, loadActiveHeadId, saveActiveHeadId, saveHead, saveImportedHead } from '../storage/heads.ts';
import type { HeadActionDetail } from './jt-head-list.ts';
import type { PracticeSessionConsumer } from './practice-context.ts';

export class HeadShelf {
  heads: readonly PersonalHeadRecord[] = [];
  /** The head practice uses (null: the shipped head). */
  activeId: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly practice: PracticeSessionConsumer,
  ) {}

  async load(): Promise<void> {
    [this.heads, this.activeId] = await Promise.all([listHeads(), loadActiveHeadId()]);
    this.host.requestUpdate();
  }

  /** Stores a newly taught head (the list is read again with reload()). */
  save(head: PersonalHeadRecord): Promise<void> {
    return saveHead(head);
  }

  /** A button of the list; null when there is nothing to say (an export, a head no longer listed). */
  async act({ action, id }: HeadActionDetail): Promise<string | null> {
    const head = this.heads.find((entry) => entry.id === id);
    if (!head) return null;
    switch (action) {
      case 'use':
        await this.use(head);
        return `Practice now uses "${head.name}".`;
      case 'stop':
        await this.use(null);
        return 'Practice uses the shipped head again.';
      case 'export':
        download(new Blob([exportHead(head)], { type: 'application/json' }), `${head.name.replace(/[^\w.-]+/g, '_')}.head.json`);
        return null;
      case 'delete':
        if (head.id === this.activeId) await this.use(null);
        await deleteHead(head.id);
        await this.reload();
        return `Deleted "${head.name}".`;
    }
  }

  /** A head file: checked in a worker (it must fit the shipped model), then stored. */
  async importFile(file: File): Promise<string> {
    const spec = await this.practice.modelSpec();
    const checked = await checkHeadInWorker(file, { modelVersion: spec.version, featureSize: spec.featureSize });
    if (checked.problem !== null) throw new Error(checked.problem);
    const head = await saveImportedHead(checked.head);
    await this.reload();
    return `Imported "${head.name}".`;
  }

  /** Practice uses this head from now on, and after a reload (null: the shipped head). */
  async use(head: PersonalHeadRecord | null): Promise<void> {
    await this.practice.session?.setHead(head);
    await saveActiveHeadId(head?.id ?? null);
    this.activeId = head?.id ?? null;
    this.host.requestUpdate();
  }

  async reload(): Promise<void> {
    this.heads = await listHeads();
    this.host.requestUpdate();
  }
}
