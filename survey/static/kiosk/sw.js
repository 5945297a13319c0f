// Service worker of the kiosk: the shell is cached on install (cache first),
// the page and the bundle come from the network when it answers and from the
// cache when it does not. Answers are not handled here: they wait in IndexedDB.
const VERSION = new URL(self.location).searchParams.get("v") || "0";
const CACHE = `kiosk-${VERSION}`;
const ROOT = new URL("..", self.location).pathname; // the app's root, e.g. "/"
const PAGE = `${ROOT}kiosk`;
const BUNDLE = `${ROOT}kiosk/api/bundle`;
const ASSETS = ["kiosk.css", "store.js", "screens.js", "audio.js", "kiosk.js", "icon.svg"];
// The app's Arabic and Ethiopic fonts (survey/kiosk/shell.py FONTS): a tablet may lack them.
const FONTS = ["NotoNaskhArabic.css", "NotoNaskhArabic-Regular.woff2", "NotoSansEthiopic.css", "NotoSansEthiopic-Regular.woff2"];
const AUDIO = `${ROOT}kiosk/audio/`;
// Audio outlives app versions (its own cache): a clip's words belong to the questionnaire.
const AUDIO_CACHE = "kiosk-audio";
const SHELL = [
  PAGE,
  `${ROOT}kiosk/manifest.webmanifest`,
  ...ASSETS.map((name) => `${ROOT}static/kiosk/${name}`),
  ...FONTS.map((name) => `${ROOT}static/fonts/${name}`),
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kiosk-") && k !== CACHE && k !== AUDIO_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Network first, but a flaky network gets NETWORK_WAIT_MS before the cached copy
// is shown (the network's answer still refreshes the cache when it comes).
const NETWORK_WAIT_MS = 4000;

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  if (!cached) return network;
  const late = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_WAIT_MS));
  return Promise.race([network.catch(() => cached), late]);
}

// Assets are cached under their plain path; the page asks for them with ?v=.
async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  return cached || fetch(request);
}

async function audioFirst(request) {
  const cache = await caches.open(AUDIO_CACHE);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request.url);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === PAGE) event.respondWith(networkFirst(request, PAGE));
  else if (url.pathname === BUNDLE) event.respondWith(networkFirst(request, BUNDLE));
  else if (SHELL.includes(url.pathname)) event.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith(AUDIO)) event.respondWith(audioFirst(request));
});
