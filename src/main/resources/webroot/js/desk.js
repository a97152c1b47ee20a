// What the agent's desk needs beyond api.js: controls that stay disabled while their request runs,
// and re-rendering that keeps what the agent is typing.
import { fill } from './api.js';

export const $ = (id) => document.getElementById(id);

/**
 * Runs a form's submit action with every button of the form disabled, so a double click or a
 * second Enter cannot send it again while the first request runs.
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    busy(form.querySelectorAll('button'), action);
  });
  return form;
}

/** Runs action with the controls disabled (and marked busy) until it settles; a second call meanwhile does nothing. */
export async function busy(controls, action) {
  const list = Array.from(controls.length === undefined ? [controls] : controls);
  if (list.some((c) => c.dataset.busy)) return undefined;
  for (const c of list) {
    c.dataset.busy = 'yes';
    c.disabled = true;
    c.setAttribute('aria-busy', 'true');
    c.form?.setAttribute('data-busy', 'yes');
  }
  try {
    return await action();
  } finally {
    for (const c of list) {
      delete c.dataset.busy;
      c.disabled = false;
      c.removeAttribute('aria-busy');
      c.form?.removeAttribute('data-busy');
    }
  }
}

/** A button whose click runs action while the button is disabled. */
export function actionButton(attributes, label, action) {
  const button = document.createElement('button');
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) button.setAttribute(name, value === true ? '' : value);
  }
  if (!button.hasAttribute('type')) button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', () => busy(button, action));
  return button;
}

/**
 * Replaces a container's content with fresh content, keeping every form (by id) the agent has
 * typed in — and on a live update (keepFocused) the one they are in — and the focus: an update
 * never throws away what is being typed. {done}: the form whose request just succeeded, drawn
 * afresh.
 */
export function refill(container, children, { keepFocused = false, done = null } = {}) {
  const kept = new Map();
  container.querySelectorAll('form[id]').forEach((form) => {
    if (form !== done && (edited(form) || (keepFocused && form.contains(document.activeElement)))) kept.set(form.id, form);
  });
  const focused = container.contains(document.activeElement) ? document.activeElement : null;
  fill(container, children);
  for (const [id, form] of kept) {
    const fresh = container.querySelector('#' + CSS.escape(id));
    if (fresh) fresh.replaceWith(form);
  }
  if (focused && focused !== document.activeElement) {
    const again = container.contains(focused) ? focused : (focused.id && document.getElementById(focused.id));
    if (again) again.focus();
  }
}

/** Whether any field of the form differs from what it was drawn with. */
export function edited(form) {
  return Array.from(form.elements).some((field) => {
    if (field.type === 'checkbox' || field.type === 'radio') return field.checked !== field.defaultChecked;
    if (field.tagName === 'SELECT') {
      const drawn = Array.from(field.options).findIndex((o) => o.defaultSelected);
      return field.selectedIndex !== Math.max(drawn, 0);
    }
    return 'defaultValue' in field && field.tagName !== 'BUTTON' && field.value !== field.defaultValue;
  });
}
