// The kiosk's screens, built as DOM (no inline script or style: CSP-friendly).
// Each screen returns a <div class="screen"> with an <h1> and big buttons.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
const FACE_COLOURS = ["#f2a0a0", "#f6c49a", "#f3de86", "#c3e29c", "#94d49c"];

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// A face from frowning (1) to smiling (5); decorative, the label says it in words.
export function face(value) {
  const bend = (value - 3) * 6;
  const root = svg("svg", { viewBox: "0 0 48 48", class: "face", "aria-hidden": "true", focusable: "false" });
  root.append(
    svg("circle", { cx: 24, cy: 24, r: 21, fill: FACE_COLOURS[value - 1], stroke: "#222", "stroke-width": 2 }),
    svg("circle", { cx: 17, cy: 19, r: 2.6, fill: "#222" }),
    svg("circle", { cx: 31, cy: 19, r: 2.6, fill: "#222" }),
    svg("path", { d: `M14 ${32 - bend / 2}Q24 ${32 + bend} 34 ${32 - bend / 2}`, fill: "none", stroke: "#222", "stroke-width": 2.6, "stroke-linecap": "round" }),
  );
  return root;
}

function speakerIcon() {
  const root = svg("svg", { viewBox: "0 0 24 24", class: "speaker", "aria-hidden": "true", focusable: "false" });
  root.append(
    svg("path", { d: "M4 9h4l5-4v14l-5-4H4z", fill: "currentColor" }),
    svg("path", { d: "M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12", fill: "none", stroke: "currentColor", "stroke-width": 2, "stroke-linecap": "round" }),
  );
  return root;
}

function heading(text, attrs = {}) {
  return el("h1", { tabindex: "-1", id: "screen-title", text, ...attrs });
}

export function attract(texts, onStart) {
  const title = heading(texts.ui.greeting, { class: "greeting" });
  const start = el("button", { type: "button", class: "primary huge", onclick: onStart, text: texts.ui.start });
  const screen = el("div", { class: "screen attract center", onpointerup: (e) => e.target === screen && onStart() }, title, start);
  return { screen, title, start };
}

export function languages(locales, texts, onPick) {
  return el(
    "div",
    { class: "screen" },
    heading(texts.ui.language),
    el(
      "div",
      { class: "langs", role: "group", "aria-labelledby": "screen-title" },
      locales.map((loc) =>
        el("button", { type: "button", lang: loc.lang || loc.code, dir: loc.dir, "data-locale": loc.code, onclick: () => onPick(loc), text: loc.name }),
      ),
    ),
  );
}

function progress(position, total) {
  const label = `${position} / ${total}`;
  return el(
    "div",
    { class: "progress" },
    el("progress", { max: total, value: position, "aria-label": label }),
    el("span", { "aria-hidden": "true", dir: "ltr", text: label }),
  );
}

function nav(...buttons) {
  return el("div", { class: "nav" }, buttons);
}

// A number in the locale's digits (`digits`: the ten digits, e.g. Persian in fa).
function localNumber(value, digits) {
  return String(value).replace(/[0-9]/g, (d) => (digits ? digits[Number(d)] : d));
}

// One question. `chosen` is an array of values; `on.answer(values, advance)`.
// A label's words, separated by spaces; a word with a hyphen inside ("доволен(-льна)")
// is kept whole, so that a line breaks only between words.
function words(label) {
  return label.split(" ").flatMap((word, i) => [
    i ? " " : null,
    word.includes("-") ? el("span", { class: "word", text: word }) : word,
  ]);
}

// A scale step shows its number and words, with a face beside them when `faces` is set.
export function question({ item, texts, ui, position, total, chosen, faces, digits, on, listen }) {
  const multi = item.kind === "multi";
  const scale = item.kind === "scale";
  const picked = new Set(chosen || []);
  const buttons = [];
  const option = (value, label, extra) => {
    const button = el(
      "button",
      { type: "button", class: extra, "data-value": value, "aria-pressed": String(picked.has(value)) },
      scale && faces && value > 0 ? face(value) : null,
      scale && value > 0 ? el("span", { class: "step", "aria-hidden": "true", text: localNumber(value, digits) }) : null,
      el("span", { class: "label" }, words(label)),
    );
    button.addEventListener("click", () => {
      if (multi) {
        picked.has(value) ? picked.delete(value) : picked.add(value);
        button.setAttribute("aria-pressed", String(picked.has(value)));
        on.answer([...picked].sort((a, b) => a - b), false);
        return;
      }
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
      on.answer([value], true);
    });
    buttons.push(button);
    return button;
  };
  const options = el(
    "div",
    { class: `options ${scale ? "scale" : "choice"}${multi ? " multi" : ""}`, role: "group", "aria-labelledby": "screen-title" },
    item.values.map((value, i) => option(value, texts.options[i])),
  );
  const extras = item.allow_na ? el("div", { class: "options choice" }, option(0, ui.not_applicable, "na")) : null;
  // The speaker: plays the question, then each option, marking the one being read.
  const speaker = listen
    ? el("button", { type: "button", class: "speak", "aria-label": ui.listen, title: ui.listen,
        onclick: () => listen((i) => {
          const optionButtons = buttons.filter((b) => !b.classList.contains("na"));
          for (const [j, b] of optionButtons.entries()) b.classList.toggle("speaking", j === i - 1);
          speaker.classList.toggle("speaking", i === 0);
          // what was read, in order (0 the question, 1… the options, -1 the end)
          speaker.dataset.read = speaker.dataset.read ? `${speaker.dataset.read},${i}` : String(i);
        }) }, speakerIcon())
    : null;
  return el(
    "div",
    { class: "screen", "data-item": item.code },
    progress(position, total),
    el("div", { class: "question-head" }, heading(texts.text), speaker),
    options,
    extras,
    nav(
      el("button", { type: "button", class: "back", onclick: on.back, text: ui.back }),
      el("button", { type: "button", class: "skip", onclick: on.skip, text: ui.skip }),
      multi ? el("button", { type: "button", class: "primary next", onclick: on.next, text: ui.next }) : null,
    ),
  );
}

export function comment({ item, texts, ui, value, position, total, on }) {
  const box = el("textarea", { id: "comment", "aria-labelledby": "screen-title", maxlength: item.max_length || 2000, rows: 5 });
  box.value = value || "";
  box.addEventListener("input", () => on.input(box.value));
  const send = el("button", { type: "button", class: "primary send", text: ui.send });
  send.addEventListener("click", () => {
    send.disabled = true;
    on.send(box.value);
  });
  return el(
    "div",
    { class: "screen", "data-item": item.code },
    progress(position, total),
    heading(texts.text),
    box,
    nav(el("button", { type: "button", class: "back", onclick: on.back, text: ui.back }), send),
  );
}

export function thanks(ui, onDone) {
  return el(
    "div",
    { class: "screen center thanks", onpointerup: onDone },
    face(5),
    heading(ui.thanks),
  );
}

export function unpaired(ui) {
  return el("div", { class: "screen center unpaired" }, heading(ui.unpaired));
}

export function status(staff, facts, onClose) {
  return el(
    "div",
    { class: "screen status" },
    heading(staff.status),
    el(
      "dl",
      {},
      facts.flatMap(([term, value, key]) => [el("dt", { text: term }), el("dd", { "data-fact": key, text: String(value) })]),
    ),
    nav(el("button", { type: "button", class: "primary close", onclick: onClose, text: staff.close })),
  );
}
