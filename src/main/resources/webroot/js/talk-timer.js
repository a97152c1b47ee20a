// The talk timer: mm:ss from the moment the call is answered, counting while the agent is on the
// call, then holding the talk time once it ends until the next call rings. Its element has
// role="timer" with aria-live off, so a screen reader reads it when asked and is not told every second.

const TICK_MS = 250; // well under a second, so the display never skips or lags a whole second

/** box: what is shown or hidden (holds the label); display: the role="timer" element. */
export function startTalkTimer(box, display) {
  let startedAt = null;
  let ticking = null;

  const show = () => {
    const text = minutesAndSeconds((performance.now() - startedAt) / 1000);
    if (display.textContent !== text) display.textContent = text;
  };
  const start = () => {
    startedAt = performance.now();
    show();
    box.hidden = false;
    box.dataset.state = 'running';
    ticking = setInterval(show, TICK_MS);
  };
  const stop = () => {
    clearInterval(ticking);
    ticking = null;
    show();
    box.dataset.state = 'stopped';
  };
  const reset = () => {
    if (ticking !== null) clearInterval(ticking);
    ticking = null;
    startedAt = null;
    box.hidden = true;
    display.textContent = minutesAndSeconds(0);
    delete box.dataset.state;
  };

  return {
    /** Follows the call panel: ringing → a new call, active → counting, anything else → stopped. */
    follow(state) {
      if (state === 'ringing') reset();
      else if (state === 'active') { if (ticking === null) start(); }
      else if (ticking !== null) stop();
    },
  };
}

export function minutesAndSeconds(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return String(Math.floor(whole / 60)).padStart(2, '0') + ':' + String(whole % 60).padStart(2, '0');
}
