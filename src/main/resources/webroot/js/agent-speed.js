// Speed on the agent desktop: alerts when the phone rings, keyboard shortcuts for the common
// steps, and a talk timer. It reads only the page agent.js draws — the call panel's state class
// (ringing, active, ended, idle) and the caller shown in the pop — and presses the same buttons a
// mouse would, so every step still goes through agent.js.
import { startRingAlerts } from './ring-alerts.js';
import { startShortcuts } from './shortcuts.js';
import { startTalkTimer } from './talk-timer.js';

const CALL_STATES = ['ringing', 'active', 'ended', 'idle'];
const $ = (id) => document.getElementById(id);

const panel = $('call-panel');
if (panel) { // not there when the page was refused to someone who is not an agent
  const alerts = startRingAlerts({ permissionState: $('ring-alerts-state'), enableButton: $('ring-alerts-button'),
    soundBox: $('ring-sound') });
  const timer = startTalkTimer($('talk-time'), $('talk-timer'));
  startShortcuts({ tell: (text) => { $('shortcut-status').textContent = text; }, helpButton: $('shortcuts-button') });
  watchCallPanel(panel, (state) => {
    if (state === 'ringing') alerts.ringing(caller());
    else alerts.stopped();
    timer.follow(state);
  });
}

function callState(node) {
  return CALL_STATES.find((state) => node.classList.contains(state)) || 'idle';
}

/** Calls onChange(state) each time the call panel's state class changes (not on every redraw). */
function watchCallPanel(node, onChange) {
  let current = callState(node);
  new MutationObserver(() => {
    const next = callState(node);
    if (next === current) return;
    current = next;
    onChange(next);
  }).observe(node, { attributes: true, attributeFilter: ['class'] });
  if (current !== 'idle') onChange(current);
}

/** Who is calling, as the pop shows it: the number (or "withheld number") and the account's name if known. */
function caller() {
  const shown = (id) => ($(id) ? $(id).textContent.trim() : '');
  return { number: shown('caller-number') || 'an unknown number', name: shown('account-name') };
}
