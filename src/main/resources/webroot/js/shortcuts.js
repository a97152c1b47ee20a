// Keyboard shortcuts for the agent desktop's common steps, and the dialog that lists them.
// A shortcut clicks the same button a mouse would, so the step goes through the page's own
// handlers; when that button is not on the page just now, it does nothing and says why.
import { el } from './api.js';

const $ = (id) => document.getElementById(id);

/** Input types that take no typing: a letter pressed on one of them is still a shortcut. */
const NOT_TYPED = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/**
 * Starts the shortcuts. tell(text) shows a short line about what a shortcut could not do
 * ('' clears it); helpButton opens the same dialog as '?'.
 */
export function startShortcuts({ tell, helpButton }) {
  const help = helpDialog();
  const shortcuts = [
    { key: 'r', does: 'Ready for calls', button: 'ready-button', name: 'Ready' },
    { key: 'p', does: 'Pause, with the reason chosen in the list', button: 'pause-button', name: 'Pause' },
    { key: 'n', does: 'New case from the call on screen', button: 'new-case-button', name: 'New case',
      missing: 'N: there is no call with an account on screen to open a case from.' },
    { key: 'f', does: 'Find a visit slot for the open case on screen', button: 'find-slots-button', name: 'Find a visit slot',
      missing: 'F: there is no open case on screen to find a slot for.' },
    { key: 'c', does: 'Go to the service request', run: () => goTo('case-area', 'C: the service request is not on this page.') },
    { key: 'm', does: 'Go to my open cases', run: () => goTo('my-cases', 'M: your cases are not on this page.') },
    { key: '?', does: 'Show this list of shortcuts', run: () => help.open() },
  ];

  function press({ button: id, name, missing }) {
    const button = $(id);
    if (!button) return tell(missing || name + ': that button is not on the page just now.');
    if (button.disabled) return tell(name + ' cannot be used just now.');
    tell('');
    button.click();
  }

  function goTo(id, missing) {
    const area = $(id);
    if (!area) return tell(missing);
    tell('');
    let target = area.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), '
      + 'button:not([disabled]), a[href]');
    if (!target) {
      area.tabIndex = -1; // so the area itself can hold the focus when it has nothing to press
      target = area;
    }
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }

  help.list(shortcuts);
  for (const { key, button } of shortcuts) {
    // the buttons always on the page tell assistive technology their key
    if (button && $(button)) $(button).setAttribute('aria-keyshortcuts', key.toUpperCase());
  }
  if (helpButton) helpButton.addEventListener('click', () => help.open());
  document.addEventListener('keydown', (event) => {
    if (!isShortcutKey(event)) return;
    const shortcut = shortcuts.find((s) => s.key === event.key.toLowerCase());
    if (!shortcut) return;
    event.preventDefault();
    if (shortcut.button) press(shortcut);
    else shortcut.run();
  });
}

/** Whether a key press may be a shortcut: not typing, no Ctrl/Alt/Meta, no dialog over the page. */
function isShortcutKey(event) {
  if (event.defaultPrevented || event.repeat || event.isComposing) return false;
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  if (document.querySelector('dialog[open]')) return false;
  return !isTypingIn(event.target);
}

function isTypingIn(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TYPED.has((target.type || 'text').toLowerCase());
}

/** The modal list of shortcuts: Escape or Close shuts it and the focus goes back where it was. */
function helpDialog() {
  const rows = el('tbody');
  const dialog = el('dialog', { id: 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' },
    el('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'),
    el('p', {}, 'Press the key when you are not typing in a field. Keys held with Ctrl, Alt or ⌘ are left to the browser.'),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Key'), el('th', { scope: 'col' }, 'What it does'))), rows),
    el('form', { method: 'dialog', class: 'row' },
      el('button', { id: 'shortcuts-close', autofocus: true }, 'Close'),
      el('span', { class: 'muted' }, 'or press Esc')));
  document.body.append(dialog);
  let returnTo = null;
  dialog.addEventListener('close', () => {
    // Chromium brings the focus back by itself; other browsers may leave it on the body
    if (returnTo && returnTo.isConnected) returnTo.focus();
    returnTo = null;
  });
  return {
    list(shortcuts) {
      rows.replaceChildren(...shortcuts.map((s) => el('tr', {}, el('td', {}, el('kbd', {}, s.key.toUpperCase())), el('td', {}, s.does))));
    },
    open() {
      if (dialog.open) return;
      returnTo = document.activeElement;
      dialog.showModal();
    },
  };
}
