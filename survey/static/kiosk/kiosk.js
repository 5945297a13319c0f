// The kiosk app: attract → language → one question per screen → comment →
// thank you → reset. Idle time discards a half-finished survey.
import * as store from "./store.js";
import * as screens from "./screens.js";
import * as audio from "./audio.js";

const body = document.body;
const API = body.dataset.api;
const VERSION = body.dataset.version;
const main = document.getElementById("app");
const THANKS_MS = 6000;
const GREETING_MS = 3000;
const HEARTBEAT_MS = 5 * 60 * 1000;
const STATUS_TAPS = 5;
const BUNDLE_REFRESH_MS = 60 * 60 * 1000;

let bundle = null;
let sender = null;
let survey = null; // {locale, index, answers, comment}: null when nobody is answering
let lastActivity = Date.now();
let timers = [];
let paired = true;
let bundleLoadedAt = 0;
let updateWaiting = false; // a new app version is ready: reload when nobody is answering
let greeted = null; // the locale the attract screen greets in right now

function clearTimers() {
  for (const t of timers) clearInterval(t);
  timers = [];
}

// `lang` is the BCP 47 tag (Leichte Sprache is "de"), `code` the public locale code.
function setLanguage(loc) {
  document.documentElement.lang = loc.lang || loc.code;
  document.documentElement.dir = loc.dir;
}

function show(name, screen) {
  clearTimers();
  audio.stop();
  main.dataset.screen = name;
  main.replaceChildren(screen);
  screen.querySelector("h1")?.focus({ preventScroll: true });
  main.scrollTop = 0;
  scrollTo(0, 0);
}

const defaultLocale = () =>
  bundle.locales.find((l) => l.code === bundle.settings.default_locale) || bundle.locales[0];
const texts = () => bundle.texts[survey?.locale || defaultLocale().code];
const questions = () => bundle.questionnaire.items.filter((i) => i.kind !== "text");
const commentItem = () => bundle.questionnaire.items.find((i) => i.kind === "text");
const steps = () => questions().length + (commentItem() ? 1 : 0);

// Everything from a previous respondent is dropped here.
function reset() {
  survey = null;
  if (!paired) return showUnpaired();
  if (updateWaiting) return location.reload();
  if (Date.now() - bundleLoadedAt > BUNDLE_REFRESH_MS) refreshBundle();
  const first = defaultLocale();
  greeted = first;
  setLanguage(first);
  const { screen, title, start } = screens.attract(bundle.texts[first.code], begin);
  show("attract", screen);
  let i = 0;
  timers.push(
    setInterval(() => {
      i = (i + 1) % bundle.locales.length;
      const loc = bundle.locales[i];
      greeted = loc;
      const ui = bundle.texts[loc.code].ui;
      for (const node of [title, start]) {
        node.lang = loc.lang || loc.code;
        node.dir = loc.dir;
      }
      title.textContent = ui.greeting;
      start.textContent = ui.start;
    }, GREETING_MS),
  );
}

function begin() {
  survey = { locale: null, index: 0, answers: {}, comment: "" };
  if (bundle.locales.length === 1) return pick(bundle.locales[0]);
  // the heading speaks the language the greeting was in when the visitor tapped
  const asked = greeted || defaultLocale();
  setLanguage(asked);
  show("language", screens.languages(bundle.locales, bundle.texts[asked.code], pick));
}

function pick(loc) {
  survey.locale = loc.code;
  setLanguage(loc);
  step(0);
}

function step(index) {
  const list = questions();
  survey.index = index;
  if (index < 0) return begin();
  if (index >= list.length) return commentItem() ? showComment() : send("");
  const item = list[index];
  const t = texts();
  show(
    "question",
    screens.question({
      item,
      texts: t.items[item.code],
      ui: t.ui,
      position: index + 1,
      total: steps(),
      chosen: survey.answers[item.code],
      faces: bundle.settings.faces,
      digits: t.digits,
      listen: audio.has(bundle, survey.locale, item.code)
        ? (mark) => {
            const clips = [item.code, ...item.values.map((v) => `${item.code}-${v}`)];
            lastActivity = Date.now();
            return audio.playAll(bundle, survey.locale, clips, mark);
          }
        : null,
      on: {
        answer(values, advance) {
          if (values.length) survey.answers[item.code] = values;
          else delete survey.answers[item.code];
          if (advance) setTimeout(() => survey && survey.index === index && step(index + 1), 250);
        },
        back: () => step(index - 1),
        skip() {
          delete survey.answers[item.code];
          step(index + 1);
        },
        next: () => step(index + 1),
      },
    }),
  );
}

function showComment() {
  const item = commentItem();
  const t = texts();
  show(
    "comment",
    screens.comment({
      item,
      texts: t.items[item.code],
      ui: t.ui,
      value: survey.comment,
      position: steps(),
      total: steps(),
      on: {
        input: (v) => (survey.comment = v),
        back: () => step(questions().length - 1),
        send,
      },
    }),
  );
}

async function send(commentText) {
  const answers = {};
  for (const [code, values] of Object.entries(survey.answers)) {
    const item = questions().find((i) => i.code === code);
    answers[code] = item.kind === "multi" ? values : values[0] === 0 ? "na" : values[0];
  }
  const response = {
    id: store.newId(),
    questionnaire: bundle.questionnaire.key,
    locale: survey.locale,
    answers,
    comment: commentText.trim() || null,
    answered_at: new Date().toISOString(),
    presentation: bundle.settings.presentation,
  };
  const ui = texts().ui;
  survey = null; // answers leave the screen state before anything else happens
  await store.enqueue(response);
  show("thanks", screens.thanks(ui, reset));
  timers.push(setInterval(reset, THANKS_MS));
  sender.now();
}

function showUnpaired() {
  paired = false;
  survey = null;
  const ui = bundle ? bundle.texts[defaultLocale().code].ui : { unpaired: body.dataset.unpaired };
  show("unpaired", screens.unpaired(ui));
}

async function showStatus() {
  const staff = bundle?.staff;
  if (!staff) return;
  const megabytes = new Intl.NumberFormat(bundle.staff_lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const facts = [
    [staff.device, `${bundle.device.label || "–"} (${bundle.site.code})`, "device"],
    [staff.queue, await store.queueLength(), "queue"],
    [staff.rejected, await store.rejectedCount(), "rejected"],
    [staff.last_sync, sender.lastSync ? sender.lastSync.toLocaleString(bundle.staff_lang) : "–", "sync"],
    [staff.version, VERSION, "version"],
    [staff.connection, navigator.onLine ? staff.online : staff.offline, "online"],
    [staff.audio, `${megabytes.format((await audio.storedBytes()) / 1024 / 1024)} MB`, "audio"],
  ];
  // the status screen is in the staff language (de or en): its dates and numbers too
  setLanguage({ lang: bundle.staff_lang, dir: "ltr" });
  show("status", screens.status(staff, facts, reset));
}

// Five taps in the top corner within three seconds open the status screen.
function watchCorner() {
  let taps = [];
  document.getElementById("corner").addEventListener("pointerdown", () => {
    const now = Date.now();
    taps = [...taps.filter((t) => now - t < 3000), now];
    if (taps.length >= STATUS_TAPS) {
      taps = [];
      showStatus();
    }
  });
}

function watchIdle() {
  for (const type of ["pointerdown", "keydown", "input"]) {
    addEventListener(type, () => (lastActivity = Date.now()), { capture: true, passive: true });
  }
  setInterval(() => {
    const idle = bundle.settings.idle_seconds * 1000;
    const busy = ["language", "question", "comment", "status"].includes(main.dataset.screen);
    if (busy && Date.now() - lastActivity > idle) reset();
  }, 1000);
}

async function heartbeat() {
  try {
    const res = await store.api(API, "heartbeat", {
      app_version: VERSION,
      queue_length: await store.queueLength(),
    });
    if (res.status === 401 || res.status === 403) showUnpaired();
  } catch {
    // offline: the next beat will tell
  }
}

async function loadBundle() {
  try {
    const res = await store.api(API, "bundle");
    if (res.status === 401 || res.status === 403) return "unpaired";
    if (res.ok) {
      bundle = await res.json();
      bundleLoadedAt = Date.now();
      store.keepBundle(bundle);
      audio.precache(bundle);
      return "ok";
    }
  } catch {
    // offline: fall back to the copy kept from the last start
  }
  bundle = store.cachedBundle();
  return bundle ? "ok" : "missing";
}

// Settings and texts change rarely: fetched again, between two visitors, once an hour.
async function refreshBundle() {
  bundleLoadedAt = Date.now();
  const previous = bundle;
  if ((await loadBundle()) === "unpaired") return showUnpaired();
  bundle ??= previous;
}

function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const sw = navigator.serviceWorker;
  if (sw.controller) {
    // A new version took over: reload on the greeting, never in the middle of a survey.
    sw.addEventListener("controllerchange", () => {
      updateWaiting = true;
      if (main.dataset.screen === "attract") location.reload();
    });
  }
  sw.register(body.dataset.sw, { scope: body.dataset.scope }).catch(() => {});
}

async function start() {
  if (!store.token()) return location.replace(body.dataset.pair);
  registerWorker();
  navigator.storage?.persist?.().catch(() => {});
  addEventListener("contextmenu", (e) => e.preventDefault());
  const loaded = await loadBundle();
  bundle ??= store.cachedBundle();
  sender ??= new store.Sender(API, { onUnpaired: showUnpaired });
  if (loaded === "unpaired") return showUnpaired();
  if (loaded === "missing") {
    setTimeout(start, 5000);
    return;
  }
  watchCorner();
  watchIdle();
  reset();
  sender.now();
  heartbeat();
  setInterval(heartbeat, HEARTBEAT_MS);
}

start();
