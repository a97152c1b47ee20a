// Changing one's own password, from the header of every signed-in page: a "Change password"
// button opens a dialog asking for the current password and the new one twice. Switchboard says
// why a new one is refused (too short, a common password, holding the user name); once changed,
// the user's other sessions end and this page carries on.
import { api, el, explain, say, session } from './api.js';

/** Puts the "Change password" button into the page's header, before "Log out". */
export function offerPasswordChange() {
  const header = document.querySelector('body > header');
  if (!header || document.getElementById('change-password')) return;
  const button = el('button', { id: 'change-password', class: 'quiet', type: 'button', 'aria-haspopup': 'dialog',
    onclick: () => openDialog(button) }, 'Change password');
  header.insertBefore(button, document.getElementById('logout'));
}

function field(label, name, autocomplete, describedBy) {
  const input = el('input', { type: 'password', name, id: 'password-' + name, required: true, maxlength: 200,
    autocomplete, 'aria-describedby': describedBy });
  return { input, label: el('label', {}, label, input) };
}

function openDialog(opener) {
  const user = session();
  const current = field('Current password', 'current', 'current-password');
  const chosen = field('New password', 'new', 'new-password', 'password-rule');
  const repeated = field('New password again', 'repeat', 'new-password');
  const message = el('p', { class: 'message', id: 'password-message', role: 'alert' });
  const submit = el('button', { type: 'submit', id: 'password-submit' }, 'Change password');
  const close = el('button', { type: 'button', class: 'quiet', id: 'password-close' }, 'Cancel');
  const form = el('form', { method: 'dialog' },
    el('h2', { id: 'password-title' }, 'Change your password'),
    // the user name, for password managers, kept out of sight
    el('input', { type: 'text', name: 'username', value: user ? user.username : '', autocomplete: 'username',
      hidden: true, readonly: true }),
    current.label, chosen.label, repeated.label,
    el('p', { class: 'hint', id: 'password-rule' }, '12 characters or more, not a common password and not '
      + 'containing your user name. Your other sessions end; this one stays.'),
    message,
    el('div', { class: 'row' }, submit, close));
  const dialog = el('dialog', { id: 'password-dialog', 'aria-labelledby': 'password-title' }, form);
  const done = () => {
    dialog.close();
    dialog.remove();
    opener.focus();
  };
  close.addEventListener('click', done);
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); done(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(message, '');
    if (chosen.input.value !== repeated.input.value) {
      say(message, 'The new password and its repeat differ.');
      repeated.input.select();
      return;
    }
    submit.disabled = true;
    try {
      await api('/api/me/password', { method: 'POST', body: { currentPassword: current.input.value,
        newPassword: chosen.input.value } });
      form.reset();
      say(message, 'Password changed. Your other sessions have ended.', true);
      close.textContent = 'Close';
      close.focus();
    } catch (error) {
      say(message, explain(error));
      const fields = error.details && error.details.fields ? error.details.fields : {};
      (fields.currentPassword ? current.input : chosen.input).select();
    } finally {
      submit.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  current.input.focus();
}
