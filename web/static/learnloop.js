// Learnloop's only script of its own. With hx-boost, htmx drops 4xx/5xx pages (its
// responseHandling); a boosted link or form should show the error page as a browser would.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.requestConfig.boosted && event.detail.xhr.status >= 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// The database out of reach: the server answers 503 and asks htmx to swap nothing, so the
// page and whatever was typed stay; say why nothing happened, next to the form that was sent.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status !== 503) return;
  event.detail.shouldSwap = false;
  event.detail.isError = true; // a boosted request was marked otherwise above
  const page = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
  const message = page.getElementById("unavailable-message");
  const alert = document.getElementById("unavailable") || document.createElement("div");
  alert.id = "unavailable";
  alert.className = "alert";
  alert.setAttribute("role", "alert");
  alert.textContent = message ? message.textContent : "Learnloop is unavailable just now. Try again in a moment.";
  const sent = event.detail.requestConfig.elt.closest("form");
  const main = document.getElementById("main");
  if (sent) sent.prepend(alert);
  else if (main) main.prepend(alert);
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful) document.getElementById("unavailable")?.remove();
});
