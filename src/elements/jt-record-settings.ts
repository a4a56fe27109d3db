// The record view's settings form: the class (catalog or a name of one's own, checked as it is
// typed), clip length, countdown, clips in a row and hands-free. Controlled: it shows `settings`
// and asks for each change with `settings-change`; jt-record holds them.
import { LitElement, css, html, nothing } from 'lit';
import { CATALOG, headline, labelProblem, parseLabel } from '../core/labels.ts';
import {
  CLIP_SECONDS, COUNTDOWN_SECONDS, DEFAULT_CLIP_SECONDS, DEFAULT_COUNTDOWN_SECONDS, OTHER_CLASS, SERIES, clamp, clipsPerMinute, customLabelProblem,
  recordLabel, type RecordSettings,
} from '../core/record-settings.ts';
import { buttonStyles } from './styles.ts';
import { recordFieldStyles } from './jt-record-styles.ts';

export class JtRecordSettings extends LitElement {
  static override styles = [
    buttonStyles,
    recordFieldStyles,
    css`
      /* Its fields are items of the record panel's column, as if written there. */
      :host {
        display: contents;
      }
    `,
  ];

  static override properties = { settings: { attribute: false }, locked: { type: Boolean } };

  declare settings: RecordSettings;
  /** A take or its review is under way: nothing can be changed. */
  declare locked: boolean;

  constructor() {
    super();
    this.locked = false;
  }

  private change(change: Partial<RecordSettings>): void {
    this.dispatchEvent(new CustomEvent<RecordSettings>('settings-change', { detail: { ...this.settings, ...change } }));
  }

  private numberInput(event: Event): number {
    return Number((event.target as HTMLInputElement).value);
  }

  override render() {
    const settings = this.settings;
    const locked = this.locked;
    const problem = customLabelProblem(settings);
    const label = recordLabel(settings);
    const parsed = labelProblem(label) ? null : parseLabel(label);
    return html`
      <label class="field">
        <span>Class</span>
        <select data-testid="record-label" ?disabled=${locked} @change=${(event: Event) => this.change({ choice: (event.target as HTMLSelectElement).value })}>
          ${CATALOG.map((name) => html`<option value=${name} ?selected=${name === settings.choice}>${name}</option>`)}
          <option value=${OTHER_CLASS} ?selected=${settings.choice === OTHER_CLASS}>Another class…</option>
        </select>
      </label>
      ${settings.choice === OTHER_CLASS
        ? html`<label class="field">
              <span>Class name (&lt;balls&gt;b_&lt;pattern&gt;[_&lt;quality&gt;])</span>
              <input
                type="text"
                data-testid="record-custom-label"
                placeholder="e.g. 4b_fountain or 3b_mills-mess"
                spellcheck="false"
                autocomplete="off"
                aria-invalid=${problem ? 'true' : 'false'}
                .value=${settings.customLabel}
                ?disabled=${locked}
                @input=${(event: Event) => this.change({ customLabel: (event.target as HTMLInputElement).value })}
              />
            </label>
            ${problem && settings.customLabel ? html`<p class="error" data-testid="label-error">${problem}</p>` : nothing}`
        : nothing}
      ${parsed ? html`<p class="note" data-testid="label-reading">Reads as: ${headline(parsed)}${parsed.quality ? ` (${parsed.quality.replaceAll('-', ' ')})` : ''}</p>` : nothing}
      <div class="row">
        <label class="field">
          <span>Clip length (s)</span>
          <input type="number" data-testid="record-seconds" min=${CLIP_SECONDS.min} max=${CLIP_SECONDS.max} step="0.5" .value=${String(settings.clipSeconds)} ?disabled=${locked}
            @change=${(event: Event) => this.change({ clipSeconds: clamp(this.numberInput(event), CLIP_SECONDS, DEFAULT_CLIP_SECONDS) })} />
        </label>
        <label class="field">
          <span>Countdown (s)</span>
          <input type="number" data-testid="record-countdown-seconds" min=${COUNTDOWN_SECONDS.min} max=${COUNTDOWN_SECONDS.max} step="1" .value=${String(settings.countdownSeconds)} ?disabled=${locked}
            @change=${(event: Event) => this.change({ countdownSeconds: Math.round(clamp(this.numberInput(event), COUNTDOWN_SECONDS, DEFAULT_COUNTDOWN_SECONDS)) })} />
        </label>
        <label class="field">
          <span>Clips in a row</span>
          <input type="number" data-testid="record-series" min=${SERIES.min} max=${SERIES.max} step="1" .value=${String(settings.seriesCount)} ?disabled=${locked || settings.repeat}
            @change=${(event: Event) => this.change({ seriesCount: Math.round(clamp(this.numberInput(event), SERIES, 1)) })} />
        </label>
      </div>
      <label class="check">
        <input type="checkbox" data-testid="record-repeat" .checked=${settings.repeat} ?disabled=${locked} @change=${(event: Event) => this.change({ repeat: (event.target as HTMLInputElement).checked })} />
        Hands-free: repeat until <kbd>Space</kbd>
      </label>
      <p class="note">
        ${settings.seriesCount > 1 || settings.repeat
          ? `Each clip is kept as it is recorded; the countdown is the pause between clips (${clipsPerMinute(settings)} clips a minute). Delete bad ones in the dataset.`
          : 'One clip, then keep, retake or discard it.'}
      </p>
    `;
  }
}

customElements.define('jt-record-settings', JtRecordSettings);

declare global {
  interface HTMLElementTagNameMap {
    'jt-record-settings': JtRecordSettings;
  }
}
