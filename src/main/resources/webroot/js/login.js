import { login, explain, HOME } from './api.js';

const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const params = new URLSearchParams(location.search);
if (params.get('expired')) message.textContent = 'Your session has ended; please log in again.';

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.textContent = '';
  const button = document.getElementById('login-button');
  button.disabled = true;
  try {
    const user = await login(form.username.value.trim(), form.password.value);
    const next = params.get('next');
    // only a page of our own, never another site
    location.assign(next && /^\/[a-z]+\.html$/.test(next) ? next : HOME[user.role]);
  } catch (error) {
    message.textContent = explain(error);
  } finally {
    button.disabled = false;
  }
});
