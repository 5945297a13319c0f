// Listening at the kiosk: a speaker button plays the question, then each option,
// marking the option being read. The files come from /kiosk/audio/…, which the
// service worker keeps (cache first), so they play offline; the page asks for every
// clip of the offered locales once after loading the bundle.
export const AUDIO_CACHE = "kiosk-audio";

let current = null; // the <audio> playing, so that a new screen can stop it
let session = 0; // bumped by stop(): a read-out of an earlier screen ends there

const url = (bundle, locale, clip) =>
  `${bundle.audio_base}${encodeURIComponent(bundle.site.code)}/${encodeURIComponent(locale)}/${encodeURIComponent(clip)}.opus`;

export function has(bundle, locale, clip) {
  return Boolean(bundle.audio && bundle.audio[locale] && bundle.audio[locale].includes(clip));
}

// Fetch every clip once (the service worker stores them); errors only mean "later".
export async function precache(bundle) {
  for (const [locale, clips] of Object.entries(bundle.audio || {})) {
    for (const clip of clips) {
      try {
        await fetch(url(bundle, locale, clip));
      } catch {
        return; // offline: try again with the next bundle
      }
    }
  }
}

export function stop() {
  session += 1;
  if (current) current.pause();
  current = null;
}

function playOne(src) {
  return new Promise((resolve) => {
    const audio = new Audio(src);
    current = audio;
    audio.addEventListener("ended", () => resolve(true), { once: true });
    audio.addEventListener("error", () => resolve(false), { once: true });
    // a pause is fired at the end too: only a pause before the end (stop()) breaks off
    audio.addEventListener("pause", () => resolve(audio.ended), { once: true });
    audio.play().catch(() => resolve(false));
  });
}

// Play `clips` in order; `mark(i)` is called before each (-1 at the end).
// A clip that fails to play is passed over (the next one still helps the listener);
// only stop() (a new screen, another tap) ends the read-out early.
export async function playAll(bundle, locale, clips, mark) {
  stop();
  const mine = session;
  for (const [i, clip] of clips.entries()) {
    if (!has(bundle, locale, clip)) continue;
    mark(i);
    await playOne(url(bundle, locale, clip));
    if (session !== mine) return;
  }
  mark(-1);
  current = null;
}

// How many bytes of audio the tablet keeps (for the status screen).
export async function storedBytes() {
  if (!("caches" in self)) return 0;
  const cache = await caches.open(AUDIO_CACHE);
  let total = 0;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) total += (await response.blob()).size;
  }
  return total;
}
