// What tells an agent who is looking elsewhere that their phone rings: a browser notification
// naming the caller, a flashing tab title, and (if they turn it on) a ring tone made with the Web
// Audio API. Permission for notifications is asked only when the agent presses the button: asked
// on page load, browsers count it as a nuisance and may block it for good.

const SOUND_KEY = 'switchboard.ringSound';
const FLASH_MS = 700;
const TONE = { hz: [440, 480], onSeconds: 1, everyMs: 3000, volume: 0.12 }; // the North American ring, short

/**
 * Starts the alerts. permissionState: the line that says whether notifications can be shown;
 * enableButton: asks for permission; soundBox: the "Ring sound" checkbox.
 */
export function startRingAlerts({ permissionState, enableButton, soundBox }) {
  const sound = ringTone(soundBox);
  const flash = titleFlash();
  let notification = null;

  offerNotifications(permissionState, enableButton);
  window.addEventListener('focus', () => flash.stop());

  return {
    /** The phone rings: caller is { number, name }, as the pop shows them. */
    ringing(caller) {
      notification = notify(caller);
      flash.start(caller.number);
      sound.start();
    },
    /** The ring is over: answered, ended, or taken back. */
    stopped() {
      if (notification) notification.close();
      notification = null;
      flash.stop();
      sound.stop();
    },
  };
}

// --- notifications --------------------------------------------------------------------------

function notificationsSupported() {
  return typeof window.Notification === 'function';
}

function offerNotifications(stateLine, button) {
  const show = () => {
    const permission = notificationsSupported() ? Notification.permission : 'unsupported';
    stateLine.textContent = {
      granted: 'Ring alerts are on: a notification names the caller when your phone rings.',
      denied: 'Ring alerts are blocked for this site in the browser\'s settings.',
      default: 'Ring alerts are off.',
      unsupported: 'This browser cannot show ring alerts.',
    }[permission] || 'Ring alerts are off.';
    button.hidden = permission !== 'default';
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await Notification.requestPermission();
    } catch (error) {
      // an old browser that only takes a callback, or one that refuses: the line says what holds
    } finally {
      button.disabled = false;
      show();
    }
  });
  show();
}

function notify({ number, name }) {
  if (!notificationsSupported() || Notification.permission !== 'granted') return null;
  try {
    const shown = new Notification('Call ringing — ' + (name || number), {
      body: (name ? number + ' · ' : '') + 'Click to go to the agent desktop.',
      tag: 'switchboard-ring',
      icon: '/favicon.svg',
    });
    shown.onclick = () => {
      window.focus();
      shown.close();
    };
    return shown;
  } catch (error) {
    return null; // Chrome on Android shows notifications only through a service worker
  }
}

// --- the tab's title --------------------------------------------------------------------------

function titleFlash() {
  let timer = null;
  let normal = document.title;
  return {
    start(number) {
      if (timer === null) normal = document.title;
      else clearInterval(timer);
      const ringing = '☎ Ringing — ' + number;
      document.title = ringing;
      timer = setInterval(() => { document.title = document.title === ringing ? normal : ringing; }, FLASH_MS);
    },
    stop() {
      if (timer === null) return;
      clearInterval(timer);
      timer = null;
      document.title = normal;
    },
  };
}

// --- the ring tone ---------------------------------------------------------------------------

function ringTone(checkbox) {
  let audio = null;
  let repeat = null;
  let playing = [];
  const wanted = () => checkbox.checked;

  /** Browsers keep audio silent until the person has used the page; a click or key unlocks it. */
  const unlock = () => {
    if (!wanted()) return;
    const context = audioContext();
    if (context && context.state === 'suspended') context.resume().catch(() => {});
  };
  const audioContext = () => {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) audio = new Context();
    return audio;
  };
  const burst = () => {
    const context = audioContext();
    if (!context) return;
    const at = context.currentTime;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(TONE.volume, at + 0.05); // ramps, so no click at either end
    gain.gain.setValueAtTime(TONE.volume, at + TONE.onSeconds - 0.05);
    gain.gain.linearRampToValueAtTime(0, at + TONE.onSeconds);
    gain.connect(context.destination);
    playing = TONE.hz.map((hz) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      oscillator.connect(gain);
      oscillator.start(at);
      oscillator.stop(at + TONE.onSeconds);
      return oscillator;
    });
  };

  checkbox.checked = localStorage.getItem(SOUND_KEY) === 'on';
  checkbox.addEventListener('change', () => {
    localStorage.setItem(SOUND_KEY, checkbox.checked ? 'on' : 'off');
    unlock();
  });
  document.addEventListener('pointerdown', unlock);
  document.addEventListener('keydown', unlock);

  const ring = {
    start() {
      if (!wanted() || repeat !== null) return;
      burst();
      repeat = setInterval(burst, TONE.everyMs);
    },
    stop() {
      clearInterval(repeat);
      repeat = null;
      for (const oscillator of playing) {
        try { oscillator.stop(); } catch (error) { /* already stopped */ }
      }
      playing = [];
    },
  };
  checkbox.addEventListener('change', () => { if (!wanted()) ring.stop(); });
  return ring;
}
