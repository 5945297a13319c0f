// Pairing: trade the one-time code for the device token, keep it, open the kiosk.
const form = document.getElementById("pair-form");
const status = document.getElementById("pair-status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  status.textContent = "";
  try {
    const res = await fetch(form.dataset.api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: form.elements.code.value }),
      credentials: "omit",
      cache: "no-store",
    });
    if (res.status === 201) {
      const paired = await res.json();
      localStorage.setItem("kiosk.token", paired.token);
      localStorage.removeItem("kiosk.bundle");
      location.replace(form.dataset.next);
      return;
    }
    // 429: the address tried too many codes (docs/kiosk.md); not a wrong code
    status.textContent = res.status === 429 ? form.dataset.tooMany : form.dataset.invalid;
  } catch {
    status.textContent = form.dataset.offline;
  }
  button.disabled = false;
});
