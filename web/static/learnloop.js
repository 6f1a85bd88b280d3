// Learnloop's only script of its own. With hx-boost, htmx drops 4xx/5xx pages (its
// responseHandling); a boosted link or form should show the error page as a browser would.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.requestConfig.boosted && event.detail.xhr.status >= 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A part of a page sent with htmx and refused outright (the database out of reach, a form
// too large, an expired form, a forbidden action): the server's answer is not swapped in,
// so the page and whatever was typed stay; say why nothing happened, next to the form that
// was sent. (422 and 409 carry the form with its messages and are swapped; a boosted
// request shows the error page as a browser would, except for an outage.)
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status < 400 || status === 401 || status === 409 || status === 422) return;
  if (event.detail.requestConfig.boosted && status !== 503) return;
  event.detail.shouldSwap = false;
  event.detail.isError = true; // a boosted request was marked otherwise above
  const page = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
  const message = page.getElementById("unavailable-message") || page.getElementById("error-message");
  const alert = document.getElementById("unavailable") || document.createElement("div");
  alert.id = "unavailable";
  alert.className = "alert";
  alert.setAttribute("role", "alert");
  alert.textContent = message ? message.textContent : "That did not work. Try again in a moment.";
  const sent = event.detail.requestConfig.elt.closest("form");
  const main = document.getElementById("main");
  if (sent) sent.prepend(alert);
  else if (main) main.prepend(alert);
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful) document.getElementById("unavailable")?.remove();
});
