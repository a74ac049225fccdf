import { h } from './dom.js';

const Component = { ActionRow: 1, StringSelect: 3, TextInput: 4, TextDisplay: 10, Label: 18 };
const TextInputStyle = { Short: 1, Paragraph: 2 };

/**
 * The popup Discord's client shows when a bot answers with a modal (callback type 9): its title,
 * then each field, whether the bot used the older rows of text inputs or labels (a text input or a
 * string select under a label), and text displays. `onSubmit(values)` gets what was entered by
 * `custom_id`, as the control API's `POST /interactions/modals` wants it.
 *
 * @param {object} input
 * @param {{ custom_id: string, title: string, components: object[] }} input.modal the callback's `data`
 */
export function modalForm({ modal, onSubmit, onCancel }) {
  const form = h(
    'form',
    {
      class: 'command-form modal-form',
      onsubmit: (event) => {
        event.preventDefault();
        onSubmit(readModal(form, modal.components));
      },
    },
    h('div', { class: 'command-form-head' }, h('strong', {}, modal.title)),
    h(
      'div',
      { class: 'command-fields' },
      modal.components.map((component) => field(component)),
    ),
    h(
      'div',
      { class: 'command-form-actions' },
      h('button', { type: 'button', class: 'ghost', onclick: onCancel }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary' }, 'Submit'),
    ),
  );
  return form;
}

function field(component, label) {
  switch (component.type) {
    case Component.ActionRow:
      return (component.components ?? []).map((child) => field(child));
    case Component.Label:
      return component.component
        ? field(component.component, { text: component.label, hint: component.description })
        : null;
    case Component.TextDisplay:
      return h('p', { class: 'muted' }, component.content ?? '');
    case Component.TextInput:
      // The older layout put the label on the text input itself.
      return labelled(label ?? { text: component.label }, component.required !== false, textInput(component));
    case Component.StringSelect:
      return labelled(
        label ?? { text: component.placeholder },
        component.required !== false,
        select(component),
      );
    default:
      return h('p', { class: 'muted' }, `(a component of type ${component.type} the page cannot show)`);
  }
}

function labelled(label, required, control) {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, label.text ?? '', required ? h('span', { class: 'required' }, ' *') : null),
    control,
    label.hint ? h('small', { class: 'muted' }, label.hint) : null,
  );
}

function textInput(input) {
  return h(input.style === TextInputStyle.Paragraph ? 'textarea' : 'input', {
    name: input.custom_id,
    required: input.required !== false,
    minlength: input.min_length,
    maxlength: input.max_length,
    placeholder: input.placeholder,
    value: input.value ?? '',
  });
}

function select(menu) {
  const multiple = (menu.max_values ?? 1) > 1;
  return h(
    'select',
    { name: menu.custom_id, required: menu.required !== false, multiple },
    multiple ? null : h('option', { value: '' }, 'Choose…'),
    (menu.options ?? []).map((option) => h('option', { value: option.value }, option.label)),
  );
}

/** What was entered, by `custom_id`: text for inputs, the picked values for selects. */
function readModal(form, components) {
  const values = {};
  const visit = (component) => {
    if (component.type === Component.ActionRow) (component.components ?? []).forEach(visit);
    else if (component.type === Component.Label && component.component) visit(component.component);
    else if (component.type === Component.TextInput)
      values[component.custom_id] = form.elements.namedItem(component.custom_id)?.value ?? '';
    else if (component.type === Component.StringSelect) {
      const element = form.elements.namedItem(component.custom_id);
      values[component.custom_id] = element
        ? [...element.selectedOptions].map((option) => option.value).filter(Boolean)
        : [];
    }
  };
  components.forEach(visit);
  return values;
}
