import type { InteractionRecord } from '../world/types.ts';
import { InteractionType } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';
import { createInteraction } from './interaction-create.ts';
import { CallbackType } from './interaction-responses.ts';
import { InvalidInvocationError } from './invalid-invocation-error.ts';

/** Component types a modal holds (https://discord.com/developers/docs/components/reference). */
const ComponentType = { ActionRow: 1, StringSelect: 3, TextInput: 4, TextDisplay: 10, Label: 18 } as const;

type ModalComponent = {
  type?: number;
  id?: number;
  custom_id?: string;
  required?: boolean;
  min_length?: number;
  max_length?: number;
  min_values?: number;
  max_values?: number;
  options?: Array<{ value?: string }>;
  components?: ModalComponent[];
  component?: ModalComponent;
};

export interface ModalSubmitInput {
  /** The interaction the bot answered with callback type 9 MODAL. */
  interactionId: string;
  /** What the user entered, by component `custom_id`: text for text inputs, picks for selects. */
  values: Record<string, string | string[]>;
}

/** Fills in the modal as Discord's client sends it back: same structure, each field with its value. */
class ModalFiller {
  #nextId = 1;
  readonly #used = new Set<string>();

  constructor(private readonly values: Record<string, string | string[]>) {}

  fill(component: ModalComponent): Record<string, unknown> {
    // Discord numbers components the bot left without an id, in order.
    const id = component.id ?? this.#nextId;
    this.#nextId = Math.max(this.#nextId, id) + 1;
    switch (component.type) {
      case ComponentType.ActionRow:
        return {
          type: component.type,
          id,
          components: (component.components ?? []).map((c) => this.fill(c)),
        };
      case ComponentType.Label:
        if (!component.component)
          throw new InvalidInvocationError('The modal has a label without a component');
        return { type: component.type, id, component: this.fill(component.component) };
      case ComponentType.TextDisplay:
        return { type: component.type, id };
      case ComponentType.TextInput:
        return { type: component.type, id, custom_id: component.custom_id, value: this.#text(component) };
      case ComponentType.StringSelect:
        return { type: component.type, id, custom_id: component.custom_id, values: this.#picks(component) };
      default:
        throw new InvalidInvocationError(`Modal component type ${component.type} cannot be filled in here`);
    }
  }

  /** Entered values no field of the modal asked for. */
  unused(): string[] {
    return Object.keys(this.values).filter((key) => !this.#used.has(key));
  }

  #take(component: ModalComponent): string | string[] | undefined {
    const key = component.custom_id ?? '';
    this.#used.add(key);
    return this.values[key];
  }

  #text(input: ModalComponent): string {
    const raw = this.#take(input) ?? '';
    if (typeof raw !== 'string') throw new InvalidInvocationError(`Field "${input.custom_id}" takes text`);
    const where = `Field "${input.custom_id}"`;
    if (raw === '') {
      if (input.required !== false) throw new InvalidInvocationError(`${where} is required`);
      return raw;
    }
    if (input.min_length !== undefined && raw.length < input.min_length)
      throw new InvalidInvocationError(`${where} needs at least ${input.min_length} characters`);
    if (raw.length > (input.max_length ?? 4000))
      throw new InvalidInvocationError(`${where} takes at most ${input.max_length ?? 4000} characters`);
    return raw;
  }

  #picks(select: ModalComponent): string[] {
    const raw = this.#take(select) ?? [];
    const picks = Array.isArray(raw) ? raw : [raw];
    const where = `Select "${select.custom_id}"`;
    const offered = new Set((select.options ?? []).map((option) => option.value));
    const unknown = picks.filter((pick) => !offered.has(pick));
    if (unknown.length > 0) throw new InvalidInvocationError(`${where} offers no ${unknown.join(', ')}`);
    const min = select.required === false ? 0 : (select.min_values ?? 1);
    if (picks.length < min || picks.length > (select.max_values ?? 1))
      throw new InvalidInvocationError(`${where} takes ${min} to ${select.max_values ?? 1} values`);
    return picks;
  }
}

/**
 * The user submits a modal the bot opened (callback type 9): INTERACTION_CREATE type 5
 * MODAL_SUBMIT with the modal's `custom_id` and its components carrying the values, checked as
 * the client would (required fields, lengths, select options). A modal opened from a button
 * carries that button's message, so the bot may also update it (callback types 6 and 7).
 */
export function submitModal(ctx: EmulatorContext, input: ModalSubmitInput): InteractionRecord {
  const opener = ctx.world.requireInteraction(input.interactionId);
  if (opener.response?.type !== CallbackType.Modal) {
    throw new InvalidInvocationError(`Interaction ${opener.id} did not open a modal`);
  }
  if (opener.modalSubmissionId) {
    throw new InvalidInvocationError(
      `The modal of interaction ${opener.id} was already submitted (interaction ${opener.modalSubmissionId})`,
    );
  }
  const modal = opener.response.data as { custom_id: string; components: ModalComponent[] };
  const filler = new ModalFiller(input.values);
  const components = modal.components.map((component) => filler.fill(component));
  const unused = filler.unused();
  if (unused.length > 0) throw new InvalidInvocationError(`The modal has no field ${unused.join(', ')}`);

  const submission = createInteraction(ctx, {
    application: ctx.world.requireApplication(opener.applicationId),
    type: InteractionType.ModalSubmit,
    guildId: opener.guildId,
    channelId: opener.channelId,
    userId: opener.userId,
    data: { custom_id: modal.custom_id, components },
    sourceMessageId: opener.sourceMessageId,
  });
  opener.modalSubmissionId = submission.id;
  return submission;
}
